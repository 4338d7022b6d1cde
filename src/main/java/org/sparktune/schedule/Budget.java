package org.sparktune.schedule;

/**
 * How much of the data a trial runs on at one rung of a schedule.
 *
 * @param rung the rung's index in its schedule, from 0
 * @param fraction the data fraction in (0, 1]: each fold trains on the nested subsample of its
 *     training rows whose stable uniform is below it, and validates on its whole validation side
 */
public record Budget(int rung, double fraction) {

  /** The one rung of a schedule that runs every trial on all the data. */
  public static final Budget FULL = new Budget(0, 1.0);

  /** Checks the rung and the fraction. */
  public Budget {
    if (rung < 0) {
      throw new IllegalArgumentException("a budget's rung is " + rung + "; rungs count from 0.");
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("a budget's data fraction is " + fraction
          + "; it must lie in (0, 1].");
    }
  }
}
