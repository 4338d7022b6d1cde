package org.sparktune.cli;

/**
 * The job's exit codes, one per kind of ending, so that a scheduler can tell a config to fix
 * from data to fix from a study that ran and found nothing.
 */
final class ExitCodes {

  /** The command did what it was asked. */
  static final int DONE = 0;
  /** A failure while running: Spark, the file system, the refit, writing the outputs. */
  static final int FAILED = 1;
  /** The config is wrong: a missing file, an unknown key, a wrong type, class or param. */
  static final int BAD_CONFIG = 2;
  /** The data is wrong: a missing path, a missing or mistyped column, too few rows or classes. */
  static final int BAD_DATA = 3;
  /** The study ran but no trial completed: every trial failed, or none finished in time. */
  static final int NO_TRIAL = 4;

  private ExitCodes() {}
}
