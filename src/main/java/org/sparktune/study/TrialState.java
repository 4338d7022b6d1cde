package org.sparktune.study;

/** The lifecycle of a trial: asked (RUNNING), then told exactly once. */
public enum TrialState {
  /** Asked and not yet told. */
  RUNNING,
  /** Finished; its value counts. */
  COMPLETE,
  /** Stopped early by a scheduler; its value, if any, is a partial one. */
  PRUNED,
  /** Threw, was cancelled or ran out of time; its error says which. */
  FAILED;

  /** Whether a trial in this state has been told. */
  public boolean isFinished() {
    return this != RUNNING;
  }
}
