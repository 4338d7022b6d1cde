package org.sparktune.search;

import java.util.Map;

/**
 * What a sampler knows of one trial of its study: plain values only, no Spark.
 *
 * @param number the trial's number in its study, from 0
 * @param params the sampled values by dimension name
 * @param status where the trial stands
 * @param loss the objective turned so that smaller is better (NaN unless COMPLETE)
 */
public record Observation(int number, Map<String, Object> params, Status status, double loss) {

  /** Copies the params, in their order, so the record stays immutable. */
  public Observation {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** Where a trial stands, as a sampler sees it. */
  public enum Status {
    /** Asked, not yet told. */
    RUNNING,
    /** Finished with a value. */
    COMPLETE,
    /** Stopped early by a scheduler. */
    PRUNED,
    /** Threw, or ran out of time. */
    FAILED
  }
}
