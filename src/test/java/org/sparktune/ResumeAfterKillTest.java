package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.LogCommits;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.StudyLogChild;

/**
 * A study's driver JVM killed with SIGKILL mid-trial, and the study resumed from its Delta log
 * alone: nothing lost, nothing repeated, the interrupted trial run again, maxTrials counted over
 * both runs.
 */
@Timeout(400)
class ResumeAfterKillTest {

  private static final int MAX_TRIALS = 4;

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void aStudyKilledMidTrialResumesWithNothingLostAndNothingRepeated() throws Exception {
    String log = dir.resolve("studies").toString();
    Files.createDirectories(dir.resolve("studies").resolve("_delta_log"));
    // The child's lease: the resumed run takes it for stopped 8 s after its last write.
    Process child = StudyLogChild.start(Path.of(log + ".out"), "8s", log,
        Integer.toString(MAX_TRIALS));
    int running = -1;
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      dir.resolve("studies").resolve("_delta_log").register(watch,
          StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (running < 0) {
        assertTrue(System.nanoTime() < deadline, "the child finished no 2 trials in 4 min");
        assertTrue(child.isAlive(), "the child ended before it was killed; see " + log
            + ".out");
        WatchKey key = watch.poll(5, TimeUnit.SECONDS);
        if (key == null) {
          continue;
        }
        key.pollEvents();
        key.reset();
        int candidate = LogCommits.runningAfter(dir.resolve("studies"), 2);
        if (candidate >= 0) {
          child.destroyForcibly();  // SIGKILL on Linux
          child.waitFor(30, TimeUnit.SECONDS);
          running = candidate;
        }
      }
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    // What the log held at the kill; a trial may have ended between the poll and the kill.
    Map<Integer, Trial> before = new java.util.HashMap<>();
    List<Row> logged = spark.read().format("delta").load(log)
        .where(functions.col("event").equalTo("FINISHED")).select("trial", "value")
        .collectAsList();
    for (Row r : logged) {
      before.put(r.getInt(0), null);
    }
    assertTrue(before.size() >= 2, "two trials finished before the kill: " + before);

    TunedModel resumed = StudyLogChild.search(log, MAX_TRIALS).fit(StudyLogChild.data());
    List<Trial> trials = resumed.trialList();
    long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    assertEquals(MAX_TRIALS, complete, "maxTrials counted over both runs: " + trials);
    // Nothing repeated: each trial finished before the kill kept its value, and no new trial
    // ran its params again.
    for (Row r : logged) {
      Trial t = trials.get(r.getInt(0));
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(r.getDouble(1), t.value(), 0.0);
      for (Trial other : trials) {
        if (other.number() != t.number()) {
          assertNotEquals(t.params(), other.params(), "trial " + t.number() + " ran twice");
        }
      }
    }
    final int killed = running;
    Trial interrupted = trials.get(killed);
    assertTrue(!before.containsKey(killed), "trial " + killed + " was running at the kill");
    assertEquals(TrialState.FAILED, interrupted.state(), interrupted.toString());
    assertTrue(interrupted.error().startsWith("interrupted: the run that ran it ("),
        interrupted.error());
    long reruns = trials.stream().filter(t -> t.number() != killed
        && t.params().equals(interrupted.params()) && t.state() == TrialState.COMPLETE).count();
    assertEquals(1, reruns, "the interrupted trial's params ran again once: " + trials);
    assertEquals(MAX_TRIALS + 1, trials.size());
    Set<Integer> numbers = new HashSet<>();
    for (Trial t : trials) {
      assertTrue(numbers.add(t.number()), "trial number " + t.number() + " used twice");
    }
  }
}
