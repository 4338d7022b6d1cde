package org.sparktune.split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Shuffled k-fold cross-validation: every row is in exactly one validation fold, and fold sizes
 * differ by at most one row. Deterministic for a seed and a deterministic input. A data
 * fraction {@code f} declared when splitting holds {@code f} of each fold within one row.
 * Fails before any training when the input has fewer rows than folds.
 *
 * <pre>{@code
 * Splitter folds = new KFold().setNumFolds(5);
 * }</pre>
 */
public final class KFold implements Splitter {

  private static final long serialVersionUID = 1L;

  private int numFolds = 3;

  /** Sets the number of folds (default 3), at least 2. */
  public KFold setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds("KFold", value);
    return this;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {}

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    int k = numFolds;
    Levels levels = Levels.of(fractions);
    ExactAssignment.Layout layout = ExactAssignment.assign(data, null, seed,
        AssignmentRule.modulo(k), counts -> {
          if (counts.rows() < k) {
            throw SplitErrors.tooFewRowsForFolds("KFold", counts.rows(), k);
          }
        }, levels);
    return new Folds(layout.relations(), data.columns(), k, false, levels, null);
  }

  @Override
  public String name() {
    return "kFold";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("numFolds", (long) numFolds);
    return config;
  }

  @Override
  public String toString() {
    return "KFold" + config();
  }
}
