package org.sparktune.exec;

import java.time.Instant;
import java.util.List;
import org.sparktune.schedule.Budget;
import org.sparktune.study.Trial;

/**
 * One work item of a {@link TrialLoop} in flight: a trial at a budget on a worker slot, its
 * trial deadline and, once cut off, why and until when the loop waits for it. Only the loop's
 * thread reads or changes it; {@link #call} runs on a worker.
 */
final class WorkItem {

  /** What the task came back with (its folds' metrics or its error), and when it finished. */
  record Finished(List<Double> folds, Throwable error, long atNanos) {}

  final Trial trial;
  final Budget budget;
  final int slot;
  final Instant start;
  /** When (System.nanoTime) its trial timeout passes; {@link TrialLoop#NEVER} for none. */
  final long trialDeadline;
  /** Why it was cut off, or null while it runs on. */
  String cutReason;
  /** When (System.nanoTime) the loop stops waiting for it once cut off. */
  long graceEnd;

  WorkItem(Trial trial, Budget budget, int slot, Instant start, long trialDeadline) {
    this.trial = trial;
    this.budget = budget;
    this.slot = slot;
    this.start = start;
    this.trialDeadline = trialDeadline;
  }

  /** Runs the item on a worker, noting when it finished, whatever the task did. */
  Finished call(TrialLoop.RungTask task) {
    try {
      List<Double> folds = task.run(trial, budget, slot);
      return new Finished(folds, null, System.nanoTime());
    } catch (Exception | Error e) {
      return new Finished(null, e, System.nanoTime());
    }
  }
}
