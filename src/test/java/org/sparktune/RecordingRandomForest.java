package org.sparktune;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;

/**
 * A real RandomForestClassifier that records every fit: the job description it ran under (a
 * search names the trial, rung and fold there), the trees and seed it ran with, and the model.
 */
public class RecordingRandomForest extends RandomForestClassifier {

  private static final long serialVersionUID = 1L;

  /** One fit. */
  record Fit(String description, int numTrees, long seed, RandomForestClassificationModel model) {}

  private static final ConcurrentLinkedQueue<Fit> FITS = new ConcurrentLinkedQueue<>();

  public RecordingRandomForest() {
    this(Identifiable.randomUID("recordingRfc"));
  }

  public RecordingRandomForest(String uid) {
    super(uid);
  }

  @Override
  public RandomForestClassificationModel fit(Dataset<?> dataset) {
    RandomForestClassificationModel model = super.fit(dataset);
    String description = SparkSession.active().sparkContext()
        .getLocalProperty("spark.job.description");
    FITS.add(new Fit(description, getNumTrees(), getSeed(), model));
    return model;
  }

  /** Every fit since the last {@link #clear}, in the order they ended. */
  static List<Fit> fits() {
    return new ArrayList<>(FITS);
  }

  static void clear() {
    FITS.clear();
  }
}
