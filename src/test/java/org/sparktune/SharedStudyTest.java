package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.StudyLogChild;

/**
 * Two Spark applications, each its own driver JVM, run one study at once over one Delta study
 * log: no trial number is used twice, no event is lost, no run acts on the other's trials, the
 * finished trials number maxTrials over both, and both runs' models report the study's best.
 */
@Timeout(420)
class SharedStudyTest {

  private static final int MAX_TRIALS = 4;

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private static long ready(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".ready")).count();
    }
  }

  @Test
  void twoDriversShareOneStudyWithNothingLostAndNothingTwice() throws Exception {
    String log = dir.resolve("studies").toString();
    Path go = dir.resolve("go");
    List<Process> drivers = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        drivers.add(StudyLogChild.start(dir.resolve("driver-" + i + ".out"), null, log,
            Integer.toString(MAX_TRIALS), go.toString()));
      }
      // Both drivers have their Spark session and data: start them together.
      try (WatchService watch = FileSystems.getDefault().newWatchService()) {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (ready(dir) < 2) {
          assertTrue(System.nanoTime() < deadline, "the drivers were not ready in 3 min");
          for (int i = 0; i < 2; i++) {
            assertTrue(drivers.get(i).isAlive(), "driver " + i + " ended before it started;"
                + " see " + dir.resolve("driver-" + i + ".out"));
          }
          StudyLogChild.awaitEvent(watch);
        }
      }
      Files.createFile(go);
      for (int i = 0; i < 2; i++) {
        assertTrue(drivers.get(i).waitFor(5, TimeUnit.MINUTES), "driver " + i + " ran 5 min");
        assertEquals(0, drivers.get(i).exitValue(), "driver " + i + " failed; its output: "
            + Files.readString(dir.resolve("driver-" + i + ".out")));
      }
    } finally {
      for (Process p : drivers) {
        if (p.isAlive()) {
          p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }

    List<Row> rows = spark.read().format("delta").load(log)
        .where(functions.col("study").equalTo("shared")).where(functions.col("trial").geq(0))
        .select("trial", "event", "run", "rung").collectAsList();
    Map<Integer, String> creator = new TreeMap<>();
    Map<Integer, List<Row>> byTrial = new HashMap<>();
    for (Row r : rows) {
      if (r.getString(1).equals("CREATED")) {
        String before = creator.put(r.getInt(0), r.getString(2));
        assertEquals(null, before, "trial number " + r.getInt(0) + " created twice");
      } else {
        byTrial.computeIfAbsent(r.getInt(0), k -> new ArrayList<>()).add(r);
      }
    }
    assertEquals(MAX_TRIALS, creator.size(), "trials created over both drivers: " + creator);
    assertEquals(MAX_TRIALS - 1, ((TreeMap<Integer, String>) creator).lastKey());
    assertEquals(2, new HashSet<>(creator.values()).size(),
        "both drivers asked trials: " + creator);
    for (Map.Entry<Integer, String> t : creator.entrySet()) {
      List<Row> events = byTrial.getOrDefault(t.getKey(), List.of());
      long ends = events.stream().filter(r -> !r.getString(1).equals("RUNG_REPORTED")).count();
      assertEquals(1, ends, "trial " + t.getKey() + " ended once: " + events);
      Set<Integer> rungs = new HashSet<>();
      for (Row r : events) {
        assertEquals(t.getValue(), r.getString(2), "trial " + t.getKey() + "'s " + r.getString(1)
            + " was written by the run that asked it");
        if (r.getString(1).equals("RUNG_REPORTED")) {
          assertTrue(rungs.add(r.getInt(3)), "trial " + t.getKey() + " reported a rung twice");
        }
      }
      for (int k = 0; k < rungs.size(); k++) {
        assertTrue(rungs.contains(k), "trial " + t.getKey() + " reported rungs " + rungs);
      }
    }

    // Replayed in a third run with the same setup: every trial finished, nothing left to ask.
    TunedModel model = StudyLogChild.sharedSearch(log, MAX_TRIALS).fit(StudyLogChild.data());
    List<Trial> trials = model.trialList();
    assertEquals(MAX_TRIALS, trials.size(), trials.toString());
    long finished = trials.stream().filter(t -> t.state() == TrialState.COMPLETE
        || t.state() == TrialState.PRUNED).count();
    assertEquals(MAX_TRIALS, finished, "finished trials over both drivers: " + trials);
    assertTrue(trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE));
    // Each driver waited for the other's last trials: both report the study's best.
    for (int i = 0; i < 2; i++) {
      String out = Files.readString(dir.resolve("driver-" + i + ".out"));
      assertTrue(out.contains("best trial " + model.bestTrial().number() + "\n"),
          "driver " + i + " reports the study's best trial " + model.bestTrial().number()
              + "; its output: " + out);
    }
  }
}
