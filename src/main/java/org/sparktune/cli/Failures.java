package org.sparktune.cli;

import org.sparktune.study.TuningException;

/** Sorts what a fit throws into the job's exit codes and one line for stderr. */
final class Failures {

  private Failures() {}

  /**
   * Bad input the library found once it saw the data, before training: a study log or a resume
   * that does not match the config is a config mistake (2), the rest (too few rows of a class,
   * an empty input, a time column with nulls, …) a data one (3).
   */
  static CliFailure fromFit(IllegalArgumentException e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith("org.sparktune.")) {
        return c.startsWith("org.sparktune.study.") || c.startsWith("org.sparktune.delta.")
            || c.startsWith("org.sparktune.schedule.") || c.startsWith("org.sparktune.space.")
            ? CliFailure.config(e) : CliFailure.data(e);
      }
    }
    return CliFailure.data(e);
  }

  /** A study that ran and failed: no trial completed (4), or another failure (1). */
  static CliFailure fromRun(TuningException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    boolean none = m.startsWith("every trial failed") || m.startsWith("no trial completed");
    return new CliFailure(none ? ExitCodes.NO_TRIAL : ExitCodes.FAILED, m, e);
  }
}
