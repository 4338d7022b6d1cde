package org.sparktune.study;

/** Whether a study looks for the smallest or the largest objective value. */
public enum Direction {
  /** Smaller is better: losses, errors. */
  MINIMIZE,
  /** Larger is better: AUC, accuracy, R². */
  MAXIMIZE;

  /** {@code value} turned so that smaller is better. */
  public double toLoss(double value) {
    return this == MAXIMIZE ? -value : value;
  }

  /** Whether {@code a} is strictly better than {@code b} in this direction. */
  public boolean isBetter(double a, double b) {
    return this == MAXIMIZE ? a > b : a < b;
  }
}
