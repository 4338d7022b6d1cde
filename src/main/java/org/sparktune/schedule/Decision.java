package org.sparktune.schedule;

/**
 * A scheduler's answer to "what now?". The trial loop applies {@link Prune} and {@link
 * Complete} at once and asks again; it runs {@link Start} and {@link Run} when a worker slot is
 * free; {@link Wait} means nothing can start until a running budget reports; {@link Done} means
 * the schedule has nothing left to run.
 */
public sealed interface Decision permits Decision.Start, Decision.Run, Decision.Prune,
    Decision.Complete, Decision.Wait, Decision.Done {

  /** Ask the sampler for a new trial and run it at {@code budget}. */
  record Start(Budget budget) implements Decision {}

  /** Run existing trial {@code trial} at {@code budget} (a promotion, or a re-run on resume). */
  record Run(int trial, Budget budget) implements Decision {}

  /** Stop trial {@code trial}: it is recorded PRUNED at the budget of its last report. */
  record Prune(int trial) implements Decision {}

  /** Finish trial {@code trial}: its last report is its result. */
  record Complete(int trial) implements Decision {}

  /** Nothing can start until a running budget reports. */
  record Wait() implements Decision {}

  /** Nothing is left to run. */
  record Done() implements Decision {}

  /** The one {@link Wait}. */
  Decision WAIT = new Wait();

  /** The one {@link Done}. */
  Decision DONE = new Done();
}
