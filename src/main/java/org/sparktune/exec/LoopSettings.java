package org.sparktune.exec;

import java.time.Duration;

/**
 * How a {@link TrialLoop} runs its work items, and when it stops.
 *
 * @param parallelism work items run at once, at least 1
 * @param maxTrials trials asked at most, counting trials the study already held
 * @param timeout wall-clock budget of the run, or null for none
 * @param reproducible whether proposals depend on trial numbers only (see {@link TrialLoop})
 * @param trialTimeout wall-clock budget of each work item (one trial at one budget), or null
 *     for none
 * @param noImprovementTrials finished trials in a row without a better value that stop the
 *     study (see {@link StudyStops}), 0 for no such stop
 * @param targetMetric the value that stops the study once a COMPLETE trial reaches it, in the
 *     study's direction, or null for none
 */
public record LoopSettings(int parallelism, int maxTrials, Duration timeout,
    boolean reproducible, Duration trialTimeout, int noImprovementTrials, Double targetMetric) {

  /** Checks the numbers. */
  public LoopSettings {
    if (parallelism < 1 || maxTrials < 1) {
      throw new IllegalArgumentException("parallelism (" + parallelism + ") and maxTrials ("
          + maxTrials + ") must both be at least 1.");
    }
    if (noImprovementTrials < 0 || (targetMetric != null && !Double.isFinite(targetMetric))) {
      throw new IllegalArgumentException("noImprovementTrials (" + noImprovementTrials
          + ") must be 0 or more and targetMetric (" + targetMetric + ") finite or null.");
    }
  }

  /** Settings without a per-trial timeout or study-level stops. */
  public LoopSettings(int parallelism, int maxTrials, Duration timeout, boolean reproducible) {
    this(parallelism, maxTrials, timeout, reproducible, null, 0, null);
  }
}
