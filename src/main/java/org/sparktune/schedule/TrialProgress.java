package org.sparktune.schedule;

import java.util.List;
import java.util.Optional;

/**
 * One trial of a study as a scheduler sees it: where it stands and what it reported.
 *
 * @param number the trial's number, from 0
 * @param status where it stands
 * @param reports its rung reports, in the order reported
 */
public record TrialProgress(int number, Status status, List<RungReport> reports) {

  /** Copies the reports so the record stays immutable. */
  public TrialProgress {
    reports = List.copyOf(reports);
  }

  /** Where a trial stands. */
  public enum Status {
    /** Asked and not finished: running, or waiting for the scheduler's next decision. */
    ACTIVE,
    /** Finished; its last report is its result. */
    COMPLETE,
    /** Stopped by the scheduler after its last report. */
    PRUNED,
    /** Threw, or was cut off before any report counted. */
    FAILED,
    /**
     * Asked and not finished by another run of a shared study: its reports rank with the
     * others', and only its own run acts on it.
     */
    ELSEWHERE
  }

  /** Its report at {@code rung}, if it made one. */
  public Optional<RungReport> report(int rung) {
    for (RungReport r : reports) {
      if (r.rung() == rung) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether it is neither finished nor failed. */
  public boolean isActive() {
    return status == Status.ACTIVE;
  }
}
