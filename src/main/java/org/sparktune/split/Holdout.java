package org.sparktune.split;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One train/validation split: {@code validationRatio} of the rows validate, the rest train.
 * With a label column it is stratified: each class keeps {@code round(n_class × ratio)} rows
 * (within one) on the validation side, spread over all partitions.
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
    if (labelCol != null && !java.util.List.of(schema.fieldNames()).contains(labelCol)) {
      throw SplitErrors.missingColumn("Holdout", "labelCol", labelCol, schema);
    }
  }

  @Override
  public Folds split(Dataset<Row> data, long seed) {
    validate(data.schema());
    double r = validationRatio;
    // Row i validates when the running count of validation rows, floor(i * r), steps up.
    ExactAssignment.Rule rule = i -> Math.floor((i + 1) * r) > Math.floor(i * r) ? 0 : 1;
    Dataset<Row> assigned = ExactAssignment.assign(data, labelCol, seed, rule, 0);
    return new Folds(assigned, data.columns(), 1, true);
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
