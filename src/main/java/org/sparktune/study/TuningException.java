package org.sparktune.study;

/**
 * A failure while a study runs (not bad input, which is an {@link IllegalArgumentException}
 * raised before any training): every trial failed, the refit failed, a store could not be
 * written. The message says which trial or step, and the cause is kept.
 */
public class TuningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with its cause. */
  public TuningException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure without an underlying exception. */
  public TuningException(String message) {
    super(message);
  }
}
