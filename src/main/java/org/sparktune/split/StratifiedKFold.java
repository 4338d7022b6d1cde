package org.sparktune.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Shuffled k-fold cross-validation that keeps every class's share in every fold exactly: each
 * class has within one row of {@code n_class / k} rows in each fold (as scikit-learn's
 * StratifiedKFold), and fold sizes differ by at most one row. Computed in O(n) with no collect
 * of rows; see {@link ExactAssignment}. A data fraction {@code f} declared when splitting holds
 * {@code f} of every class of every fold within one row, and {@link Folds#minimumFraction} says
 * below which fraction some fold loses a class.
 *
 * <p>Classes are the label column's values as Spark groups them ({@code -0.0} and {@code 0.0}
 * are one class): a number, string, boolean, date or timestamp column with no nulls. Fails
 * before any training when a class has fewer rows than folds, naming the smallest.
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

  /** Sets the class column (default "label"): numeric, string or boolean, no nulls. */
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
    SplitErrors.checkLabel("StratifiedKFold", labelCol, schema);
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    int k = numFolds;
    Levels levels = Levels.of(fractions);
    ExactAssignment.Layout layout = ExactAssignment.assign(data, labelCol, seed,
        AssignmentRule.modulo(k), counts -> checkClassSizes(counts, k), levels);
    return new Folds(layout.relations(), data.columns(), k, false, levels, layout.least());
  }

  private static void checkClassSizes(ClassCounts counts, int k) {
    List<Map.Entry<Object, Long>> small = new ArrayList<>();
    for (int c = 0; c < counts.classes().size(); c++) {
      if (counts.size(c) < k) {
        small.add(Map.entry(counts.classes().get(c), counts.size(c)));
      }
    }
    if (!small.isEmpty()) {
      small.sort(Map.Entry.comparingByValue());
      throw SplitErrors.classSmallerThanFolds(small, k);
    }
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
