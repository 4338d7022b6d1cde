package org.sparktune.split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One train/validation split: {@code validationRatio} of the rows validate, the rest train.
 * With a label column it is stratified: each class keeps {@code n_class × ratio} rows (within
 * one) on the validation side, spread over all partitions, and a data fraction {@code f}
 * declared when splitting holds {@code f} of every class of the training rows within one row.
 * Fails before any training when no row would validate, or when a class would have no training
 * row.
 *
 * <pre>{@code
 * Splitter split = new Holdout().setValidationRatio(0.2).setLabelCol("label");
 * }</pre>
 */
public final class Holdout implements Splitter {

  private static final long serialVersionUID = 1L;

  private double validationRatio = 0.25;
  private String labelCol;

  /** Sets the fraction of rows that validate (default 0.25), strictly between 0 and 1. */
  public Holdout setValidationRatio(double value) {
    validationRatio = SplitErrors.checkRatio(value);
    return this;
  }

  /** Stratifies by this class column (default: not stratified). */
  public Holdout setLabelCol(String value) {
    labelCol = SplitErrors.checkColumnName("Holdout", "labelCol", value);
    return this;
  }

  public double getValidationRatio() {
    return validationRatio;
  }

  @Override
  public int numFolds() {
    return 1;
  }

  @Override
  public void validate(StructType schema) {
    if (labelCol != null) {
      SplitErrors.checkLabel("Holdout", labelCol, schema);
    }
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    double r = validationRatio;
    Levels levels = Levels.of(fractions);
    ExactAssignment.Layout layout = ExactAssignment.assign(data, labelCol, seed,
        AssignmentRule.holdout(r), counts -> check(counts, r), levels);
    return new Folds(layout.relations(), data.columns(), 1, true, levels,
        labelCol == null ? null : layout.least());
  }

  private static void check(ClassCounts counts, double r) {
    if (counts.foldRows()[0] == 0) {
      throw SplitErrors.holdoutTooFewRows(counts.rows(), r);
    }
    for (int c = 0; c < counts.classes().size(); c++) {
      if (counts.foldSize(c, 1) == 0) {
        throw SplitErrors.classOnlyValidates(counts.classes().get(c), counts.size(c), r);
      }
    }
  }

  @Override
  public String name() {
    return "holdout";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("validationRatio", validationRatio);
    if (labelCol != null) {
      config.put("labelCol", labelCol);
    }
    return config;
  }

  @Override
  public String toString() {
    return "Holdout" + config();
  }
}
