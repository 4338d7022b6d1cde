package org.sparktune.cli;

/**
 * Why a command stops, with the exit code it stops with; the message is the one line printed on
 * stderr. Built by {@link #config} and {@link #data} for bad input found before any training.
 */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A mistake in the config ({@link ExitCodes#BAD_CONFIG}). */
  static CliFailure config(String message) {
    return new CliFailure(ExitCodes.BAD_CONFIG, message, null);
  }

  /** A mistake in the config found by the library ({@link ExitCodes#BAD_CONFIG}). */
  static CliFailure config(IllegalArgumentException e) {
    return new CliFailure(ExitCodes.BAD_CONFIG, e.getMessage(), e);
  }

  /** A problem with the data ({@link ExitCodes#BAD_DATA}). */
  static CliFailure data(String message) {
    return new CliFailure(ExitCodes.BAD_DATA, message, null);
  }

  /** A problem with the data found by the library ({@link ExitCodes#BAD_DATA}). */
  static CliFailure data(IllegalArgumentException e) {
    return new CliFailure(ExitCodes.BAD_DATA, e.getMessage(), e);
  }

  int exitCode() {
    return exitCode;
  }
}
