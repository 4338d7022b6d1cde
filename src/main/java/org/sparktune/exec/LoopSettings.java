package org.sparktune.exec;

import java.time.Duration;

/**
 * How a {@link TrialLoop} runs its work items.
 *
 * @param parallelism work items run at once, at least 1
 * @param maxTrials trials asked at most, counting trials the study already held
 * @param timeout wall-clock budget of the run, or null for none
 * @param reproducible whether proposals depend on trial numbers only (see {@link TrialLoop})
 */
public record LoopSettings(int parallelism, int maxTrials, Duration timeout,
    boolean reproducible) {

  /** Checks the numbers. */
  public LoopSettings {
    if (parallelism < 1 || maxTrials < 1) {
      throw new IllegalArgumentException("parallelism (" + parallelism + ") and maxTrials ("
          + maxTrials + ") must both be at least 1.");
    }
  }
}
