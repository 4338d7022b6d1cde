package org.sparktune.split;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Shuffled k-fold cross-validation that keeps every class's share in every fold exactly: each
 * class has within one row of {@code n_class / k} rows in each fold (as scikit-learn's
 * StratifiedKFold), and fold sizes differ by at most one row. Computed in O(n) with no collect
 * of rows; see {@link ExactAssignment}.
 *
 * <pre>{@code
 * Splitter folds = new StratifiedKFold().setNumFolds(3).setLabelCol("label");
 * }</pre>
 */
public final class StratifiedKFold implements Splitter {

  private static final long serialVersionUID = 1L;

  private int numFolds = 3;
  private String labelCol = "label";

  /** Sets the number of folds (default 3), at least 2. */
  public StratifiedKFold setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds("StratifiedKFold", value);
    return this;
  }

  /** Sets the class column (default "label"): numeric or string, no nulls. */
  public StratifiedKFold setLabelCol(String value) {
    labelCol = SplitErrors.checkColumnName("StratifiedKFold", "labelCol", value);
    return this;
  }

  public String getLabelCol() {
    return labelCol;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    if (!java.util.List.of(schema.fieldNames()).contains(labelCol)) {
      throw SplitErrors.missingColumn("StratifiedKFold", "labelCol", labelCol, schema);
    }
  }

  @Override
  public Folds split(Dataset<Row> data, long seed) {
    validate(data.schema());
    int k = numFolds;
    Dataset<Row> assigned = ExactAssignment.assign(data, labelCol, seed, i -> (int) (i % k), k);
    return new Folds(assigned, data.columns(), k, false);
  }

  @Override
  public String name() {
    return "stratifiedKFold";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("numFolds", (long) numFolds);
    config.put("labelCol", labelCol);
    return config;
  }

  @Override
  public String toString() {
    return "StratifiedKFold" + config();
  }
}
