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
 * @param writer the id of the study's run that wrote it ({@link Study#run}), or empty in a log
 *     written before runs had ids
 */
public record TrialEvent(String studyId, String spaceFingerprint, String input, long seq,
    int trial,
    Kind kind, Instant time, Map<String, Object> params, long seed, Rung rung,
    List<Double> values, String error, String writer) {

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
    FAILED,
    /**
     * A run of a shared study is alive (trial -1): written when the run has written nothing
     * else for a quarter of its lease.
     */
    HEARTBEAT,
    /** A run of the study ended (trial -1): its trials are finished or left to other runs. */
    STOPPED,
    /**
     * A run took over a trial whose run stopped while the trial waited between rungs: from
     * here on the taking run's scheduler promotes or stops it.
     */
    ADOPTED
  }

  /** An event written by no named run. */
  public TrialEvent(String studyId, String spaceFingerprint, String input, long seq, int trial,
      Kind kind, Instant time, Map<String, Object> params, long seed, Rung rung,
      List<Double> values, String error) {
    this(studyId, spaceFingerprint, input, seq, trial, kind, time, params, seed, rung, values,
        error, "");
  }

  /** Copies the collections so the record stays immutable. */
  public TrialEvent {
    input = input == null ? "" : input;
    writer = writer == null ? "" : writer;
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    values = List.copyOf(values);
  }
}
