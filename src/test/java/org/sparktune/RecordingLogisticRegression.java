package org.sparktune;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/**
 * A real LogisticRegression that records every fit: the regParam, aggregationDepth and
 * maxIter it ran with, and the rows it trained on, to show what a search really fitted.
 */
public class RecordingLogisticRegression extends LogisticRegression {

  private static final long serialVersionUID = 1L;

  /** One fit. */
  record Fit(double regParam, int aggregationDepth, int maxIter, long rows) {}

  private static final ConcurrentLinkedQueue<Fit> FITS = new ConcurrentLinkedQueue<>();

  public RecordingLogisticRegression() {
    this(Identifiable.randomUID("recordingLogreg"));
  }

  public RecordingLogisticRegression(String uid) {
    super(uid);
  }

  @Override
  public LogisticRegressionModel fit(Dataset<?> dataset) {
    FITS.add(new Fit(getRegParam(), getAggregationDepth(), getMaxIter(), dataset.count()));
    return super.fit(dataset);
  }

  /** Every fit since the last {@link #clear}, in the order they started. */
  static List<Fit> fits() {
    return new ArrayList<>(FITS);
  }

  static void clear() {
    FITS.clear();
  }
}
