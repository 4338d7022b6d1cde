package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.SparkTestSession;

/**
 * A trial's cancellation sticks on real Spark: its running job stops and the executors are free
 * within a second, as Spark's status tracker reports, and a job its group submits later is
 * cancelled without a result.
 */
class TrialJobsTest {

  private static Trial trial(int number) {
    return new Trial(number, Map.of(), TrialState.RUNNING, List.of(), List.of(), 0,
        Instant.now(), null, null);
  }

  /** Polls {@code condition} until it holds or {@code millis} pass; whether it held. */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Whether no job is active and no executor runs a task, as the status tracker says. */
  static boolean idle(SparkContext sc) {
    SparkStatusTracker tracker = sc.statusTracker();
    if (tracker.getActiveJobIds().length > 0) {
      return false;
    }
    for (SparkExecutorInfo e : tracker.getExecutorInfos()) {
      if (e.numRunningTasks() > 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasActiveJob(SparkStatusTracker tracker, String group) {
    for (int id : tracker.getJobIdsForGroup(group)) {
      SparkJobInfo info = tracker.getJobInfo(id).getOrElse(() -> null);
      if (info != null && info.status() == org.apache.spark.JobExecutionStatus.RUNNING) {
        return true;
      }
    }
    return false;
  }

  /** A job in {@code trial}'s group, run on another thread, that takes a long time. */
  private static CompletableFuture<Long> longJob(SparkSession spark, TrialJobs jobs,
      Trial trial) {
    return CompletableFuture.supplyAsync(() -> {
      jobs.enter(trial, "a long job of trial " + trial.number());
      try {
        return spark.range(0, 50_000_000_000L, 1, 2).selectExpr("sum(id % 7) as s")
            .first().getLong(0);
      } finally {
        jobs.leave();
      }
    });
  }

  @Test
  void aCancelledTrialsRunningJobStopsAndItsExecutorsAreFreeWithinASecond() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SparkContext sc = spark.sparkContext();
    TrialJobs jobs = new TrialJobs(sc, "jobs-test-running");
    Trial trial = trial(3);
    CompletableFuture<Long> job = longJob(spark, jobs, trial);
    assertTrue(within(30_000, () -> hasActiveJob(sc.statusTracker(), jobs.group(trial))),
        "the long job did not start");
    long cancelled = System.nanoTime();
    jobs.cancel(trial, "a test cancels it");
    assertTrue(within(1000, () -> idle(sc)), "a job or a task still runs 1 s after the"
        + " cancel");
    double seconds = (System.nanoTime() - cancelled) / 1e9;
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> job.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("sparktune stopped trial 3: a test cancels"
        + " it"), e.getCause().getMessage());
    assertTrue(seconds < 1, "idle after " + seconds + " s");
  }

  @Test
  void aJobSubmittedInACancelledGroupAfterTheCancelIsCancelledWithoutAResult()
      throws Exception {
    SparkSession spark = SparkTestSession.get();
    SparkContext sc = spark.sparkContext();
    TrialJobs jobs = new TrialJobs(sc, "jobs-test-later");
    Trial trial = trial(5);
    Trial other = trial(6);
    jobs.cancel(trial, "cancelled before its next job");
    assertTrue(jobs.isCancelled(trial));
    assertFalse(jobs.isCancelled(other));
    assertThrows(CancellationException.class, () -> jobs.checkNotCancelled(trial));
    jobs.enter(trial, "a job after the cancel");
    try {
      SparkException e = assertThrows(SparkException.class,
          () -> spark.range(0, 1000, 1, 2).selectExpr("sum(id)").first());
      assertTrue(e.getMessage().contains("cancelled part of cancelled job group "
          + jobs.group(trial)), e.getMessage());
    } finally {
      jobs.leave();
    }
    // Another trial's group, and no group at all, are untouched.
    jobs.enter(other, "another trial's job");
    try {
      assertEquals(499_500L, spark.range(0, 1000, 1, 2).selectExpr("sum(id)").first()
          .getLong(0));
    } finally {
      jobs.leave();
    }
    assertEquals(1000L, spark.range(0, 1000).count());
    assertTrue(within(1000, () -> idle(sc)));
  }
}
