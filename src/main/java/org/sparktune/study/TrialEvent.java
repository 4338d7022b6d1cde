package org.sparktune.study;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a study's append-only log: what happened to one trial. Replaying a study's
 * events in {@code seq} order rebuilds its trials exactly.
 *
 * @param studyId the study's name
 * @param spaceFingerprint a fingerprint of the study's search space ({@link
 *     SpaceFingerprint})
 * @param input the data the study reads, as it records it (a Delta table's {@code
 *     delta:<table>@<version>}), or empty for a DataFrame it cannot name
 * @param seq the event's place in its study's log, from 0
 * @param trial the trial's number
 * @param kind what happened
 * @param time when
 * @param params the sampled values (CREATED), else empty
 * @param seed the trial's seed (CREATED), else 0
 * @param rung the rung reported (RUNG_REPORTED), else null
 * @param values the final values (FINISHED), else empty
 * @param error why it failed or was pruned (FAILED, PRUNED), else null
 */
public record TrialEvent(String studyId, String spaceFingerprint, String input, long seq,
    int trial,
    Kind kind, Instant time, Map<String, Object> params, long seed, Rung rung,
    List<Double> values, String error) {

  /** What happened to a trial. */
  public enum Kind {
    /**
     * A run of the study started (trial -1): its setup in {@code params}, each part as text
     * ({@code space}, {@code estimator}, {@code splitter}, {@code evaluator}), so that a
     * resumed study can name what changed.
     */
    STARTED,
    /** Asked: its params and seed. */
    CREATED,
    /** Reported a rung. */
    RUNG_REPORTED,
    /** Finished COMPLETE with its values. */
    FINISHED,
    /** Stopped by the scheduler after its last rung. */
    PRUNED,
    /** Threw, or was cut off. */
    FAILED
  }

  /** Copies the collections so the record stays immutable. */
  public TrialEvent {
    input = input == null ? "" : input;
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    values = List.copyOf(values);
  }
}
