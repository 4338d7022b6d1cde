package org.sparktune.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a study log's commits hold so far, read from the commit files' own per-file statistics
 * (each event is a one-row file, so a file's min is its row): no Spark job, so a watcher sees a
 * commit the moment it lands.
 */
public final class LogCommits {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LogCommits() {}

  /** The (trial, event) of every row committed to the log table at {@code log}. */
  public static List<String[]> rows(Path log) {
    List<String[]> out = new ArrayList<>();
    Path commits = log.resolve("_delta_log");
    if (!Files.isDirectory(commits)) {
      return out;
    }
    try (Stream<Path> files = Files.list(commits)) {
      for (Path commit : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        for (String line : Files.readAllLines(commit)) {
          JsonNode add = JSON.readTree(line).path("add");
          if (add.has("stats")) {
            JsonNode min = JSON.readTree(add.get("stats").asText()).path("minValues");
            out.add(new String[] {min.path("trial").asText(), min.path("event").asText()});
          }
        }
      }
    } catch (IOException e) {
      return new ArrayList<>();  // a commit file being written: read again on the next change
    }
    return out;
  }

  /**
   * A trial created but not ended once at least {@code ended} trials ended, else -1: the moment
   * to kill a driver mid-trial.
   */
  public static int runningAfter(Path log, int ended) {
    Set<Integer> created = new HashSet<>();
    Set<Integer> done = new HashSet<>();
    for (String[] e : rows(log)) {
      int trial = Integer.parseInt(e[0]);
      if (e[1].equals("CREATED")) {
        created.add(trial);
      } else if (!e[1].equals("RUNG_REPORTED") && trial >= 0) {
        done.add(trial);
      }
    }
    created.removeAll(done);
    return done.size() >= ended && !created.isEmpty() ? created.iterator().next() : -1;
  }
}
