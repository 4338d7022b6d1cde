package org.sparktune.exec;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.sparktune.study.Trial;

/**
 * The Spark job groups of one study's trials, and a cancellation that sticks: once {@link
 * #cancel} has stopped a trial, every job of its group is cancelled, those running and those
 * its threads submit later, and {@link #checkNotCancelled} refuses to start more of its work.
 *
 * <p>How it sticks: {@link #cancel} calls Spark's {@code cancelJobGroupAndFutureJobs} (Spark
 * 4.0 and later). The DAG scheduler handles that cancel and every job submission on its one
 * event thread, in the order they were posted: a job of the group submitted before the cancel is
 * cancelled with the active ones, and one submitted after it is failed as soon as it arrives,
 * before any of its tasks runs. A SparkListener that cancelled a job on its start event would
 * act later (the listener bus is asynchronous, so the job's first tasks may already run, and a
 * full bus drops events), and a plain {@code cancelJobGroup} cancels only the jobs active at
 * that instant: an MLlib fit, many small jobs in a row, starts its next job and runs on. Spark
 * tracks the last {@code spark.scheduler.numCancelledJobGroupsToTrack} (default 1000) groups
 * cancelled this way; the groups are named after a study id drawn at random, so no job of the
 * user's own is ever in one, and a trial's threads, which check {@link #checkNotCancelled}
 * before each fit, transform and evaluation, stop submitting long before the group could be
 * forgotten. Nothing is registered with the SparkContext, so nothing is left to remove when the
 * search returns.
 *
 * <p>Thread-safe.
 */
public final class TrialJobs {

  private final SparkContext sc;
  private final String studyId;
  private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

  /** The job groups of study {@code studyId} (a short id unique to one search run). */
  public TrialJobs(SparkContext sc, String studyId) {
    this.sc = sc;
    this.studyId = studyId;
  }

  /** The job group of {@code trial}: one per trial, every rung and fold of it. */
  public String group(Trial trial) {
    return "sparktune-" + studyId + "-trial-" + trial.number();
  }

  /**
   * Puts the calling thread's next jobs in {@code trial}'s group, described as {@code
   * description} (what the Spark UI shows), cancelled with an interrupt of their tasks.
   */
  public void enter(Trial trial, String description) {
    sc.setJobGroup(group(trial), description, true);
  }

  /** Takes the calling thread's jobs out of any group. */
  public void leave() {
    sc.clearJobGroup();
  }

  /**
   * Cancels every job of {@code trial}'s group, running or submitted later, for {@code why}
   * (Spark puts it in the cancelled jobs' error).
   */
  public void cancel(Trial trial, String why) {
    cancelled.add(trial.number());
    sc.cancelJobGroupAndFutureJobs(group(trial), "sparktune stopped trial " + trial.number()
        + ": " + why);
  }

  /** Whether {@code trial} was cancelled. */
  public boolean isCancelled(Trial trial) {
    return cancelled.contains(trial.number());
  }

  /** Throws a {@link CancellationException} if {@code trial} was cancelled. */
  public void checkNotCancelled(Trial trial) {
    if (isCancelled(trial)) {
      throw new CancellationException("trial " + trial.number() + " was stopped; its work"
          + " does not go on");
    }
  }
}
