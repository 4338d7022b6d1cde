package org.sparktune.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparktune.TunedModel;
import org.sparktune.testing.LogCommits;
import org.sparktune.testing.StudyLogChild;

/**
 * What a crash costs a study with a Delta study log: the study of {@code StudyLogChild} (a
 * logistic regression on 4,000 Adult rows, 2 folds, one trial at a time) run whole by a driver
 * JVM; then run again by a driver killed with SIGKILL mid-trial once {@code killAfter} trials
 * ended, and resumed from its log by this JVM. Reports the uninterrupted study's time, the
 * resumed fit's time, and the wait from the kill until the resumed run took the dead run's trial
 * over (the dead run's lease, then a read of the log).
 *
 * <pre>
 * bench/run-resume.sh --trials 12 --kill-after 4 --lease 10s --dir /tmp/sparktune-bench/resume \
 *     --json bench/results/resume_after_kill.json
 * </pre>
 */
public final class ResumeAfterKill {

  private ResumeAfterKill() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Bench.options(args);
    int trials = Integer.parseInt(options.getOrDefault("trials", "12"));
    int killAfter = Integer.parseInt(options.getOrDefault("kill-after", "4"));
    String lease = options.getOrDefault("lease", "10s");
    Path dir = Path.of(options.getOrDefault("dir", "/tmp/sparktune-bench/resume"));
    String json = options.getOrDefault("json", "bench/out/resume_after_kill.json");
    Files.createDirectories(dir);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trials", trials);
    out.put("killAfter", killAfter);
    out.put("lease", lease);

    SparkSession spark = Bench.deltaSession();
    String whole = dir.resolve("whole-" + System.currentTimeMillis()).toString();
    Process driver = StudyLogChild.start(Path.of(whole + ".out"), lease, whole,
        Integer.toString(trials));
    if (!driver.waitFor(30, TimeUnit.MINUTES) || driver.exitValue() != 0) {
      driver.destroyForcibly();
      throw new IllegalStateException("the uninterrupted driver failed; see " + whole + ".out");
    }
    out.put("uninterruptedStudySeconds", studySeconds(spark, whole));

    String killed = dir.resolve("killed-" + System.currentTimeMillis()).toString();
    Files.createDirectories(Path.of(killed, "_delta_log"));
    driver = StudyLogChild.start(Path.of(killed + ".out"), lease, killed,
        Integer.toString(trials));
    Instant kill;
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
      while (LogCommits.runningAfter(Path.of(killed), killAfter) < 0) {
        if (!driver.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the driver to kill ended first; see " + killed
              + ".out");
        }
        Thread.sleep(50);  // a benchmark's poll of the commit files, not a test's wait
      }
      kill = Instant.now();
      driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    } finally {
      driver.destroyForcibly();
    }
    out.put("studySecondsBeforeKill", Duration.between(first(spark, killed, "STARTED"), kill)
        .toMillis() / 1e3);
    long start = System.nanoTime();
    TunedModel resumed = StudyLogChild.search(killed, trials).fit(StudyLogChild.data());
    out.put("resumeFitSeconds", (System.nanoTime() - start) / 1e9);
    out.put("resumedTrials", resumed.trialList().size());
    Instant takeover = first(spark, killed, "FAILED");
    out.put("killToTakeoverSeconds", Duration.between(kill, takeover).toMillis() / 1e3);
    out.put("killedPlusResumedSeconds", (Double) out.get("studySecondsBeforeKill")
        + (Double) out.get("resumeFitSeconds"));
    System.out.println(out);
    Bench.writeJson(json, out);
  }

  /** From a log's first STARTED event to its last event. */
  private static double studySeconds(SparkSession spark, String log) {
    Row span = spark.read().format("delta").load(log).agg(functions.min("time"),
        functions.max("time")).first();
    return (span.getTimestamp(1).getTime() - span.getTimestamp(0).getTime()) / 1e3;
  }

  /** The time of the first event of {@code kind} in the log. */
  private static Instant first(SparkSession spark, String log, String kind) {
    List<Row> rows = spark.read().format("delta").load(log)
        .where(functions.col("event").equalTo(kind)).agg(functions.min("time")).collectAsList();
    return rows.get(0).getTimestamp(0).toInstant();
  }
}
