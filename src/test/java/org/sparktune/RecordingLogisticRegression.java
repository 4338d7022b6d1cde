package org.sparktune;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/**
 * A real LogisticRegression that records every fit: the regParam, aggregationDepth and
 * maxIter it ran with, and the rows it trained on, to show what a search really fitted; and
 * the most fits that ran at once.
 */
public class RecordingLogisticRegression extends LogisticRegression {

  private static final long serialVersionUID = 1L;

  /** One fit. */
  record Fit(double regParam, int aggregationDepth, int maxIter, long rows) {}

  private static final ConcurrentLinkedQueue<Fit> FITS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger RUNNING = new AtomicInteger();
  private static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
  private static final AtomicReference<Runnable> BEFORE_NEXT_FIT = new AtomicReference<>();

  public RecordingLogisticRegression() {
    this(Identifiable.randomUID("recordingLogreg"));
  }

  public RecordingLogisticRegression(String uid) {
    super(uid);
  }

  @Override
  public LogisticRegressionModel fit(Dataset<?> dataset) {
    Runnable before = BEFORE_NEXT_FIT.getAndSet(null);
    if (before != null) {
      before.run();
    }
    MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
    try {
      FITS.add(new Fit(getRegParam(), getAggregationDepth(), getMaxIter(), dataset.count()));
      return super.fit(dataset);
    } finally {
      RUNNING.decrementAndGet();
    }
  }

  /** The most fits that were running at one time since the last {@link #clear}. */
  static int mostAtOnce() {
    return MOST_AT_ONCE.get();
  }

  /** Every fit since the last {@link #clear}, in the order they started. */
  static List<Fit> fits() {
    return new ArrayList<>(FITS);
  }

  /** Runs {@code action} once, at the start of the next fit (in that fit's thread). */
  static void beforeNextFit(Runnable action) {
    BEFORE_NEXT_FIT.set(action);
  }

  static void clear() {
    FITS.clear();
    MOST_AT_ONCE.set(0);
    BEFORE_NEXT_FIT.set(null);
  }
}
