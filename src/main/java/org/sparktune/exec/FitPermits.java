package org.sparktune.exec;

import java.util.concurrent.Semaphore;

/**
 * Bounds the training data in flight: a fold fit at data fraction f holds f of a "full fit",
 * and at most {@code fullFits} full fits' worth run at once. MLlib estimators cache their own
 * working set for the length of a fit (LogisticRegression its standardised blocks, tree
 * ensembles their binned points), so the rows in flight are what a study adds to the cached
 * bytes beyond the one fold cache. With {@code fullFits} = parallelism this is what Spark's
 * CrossValidator holds at the same parallelism; small rungs still run many fits at once.
 * Thread-safe.
 */
final class FitPermits {

  /** Permits of one full fit: a fraction is held to a thousandth. */
  private static final int UNIT = 1000;

  private final Semaphore permits;
  private final int capacity;

  /** At most {@code fullFits} full fits' worth in flight; 0 or less for no bound. */
  FitPermits(int fullFits) {
    capacity = fullFits <= 0 ? Integer.MAX_VALUE / 2 : fullFits * UNIT;
    permits = new Semaphore(capacity, true);
  }

  /** Waits until a fit at {@code fraction} may start; returns the permits to release. */
  int acquire(double fraction) throws InterruptedException {
    int n = Math.min(capacity, Math.max(1, (int) Math.ceil(fraction * UNIT)));
    permits.acquire(n);
    return n;
  }

  /** Releases what {@link #acquire} returned. */
  void release(int n) {
    permits.release(n);
  }
}
