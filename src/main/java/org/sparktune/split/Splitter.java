package org.sparktune.split;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Cuts a data set into (train, validation) folds for a study.
 *
 * <p>Contract: {@link #validate} checks every column the splitter needs against a schema and
 * throws {@link IllegalArgumentException} naming the column and the fix, before any job runs.
 * {@link #split} assigns each row to a fold in O(n) without collecting rows to the driver, is
 * deterministic for a seed and a deterministic input, and materialises the assignment once:
 * every trial of a study reuses the returned {@link Folds}. Implementations are immutable once
 * configured and safe to share between threads.
 */
public interface Splitter extends Serializable {

  /** Number of (train, validation) pairs {@link #split} produces. */
  int numFolds();

  /** Checks the input schema; throws {@link IllegalArgumentException} naming the fix. */
  void validate(StructType schema);

  /**
   * The schema of the rows the folds of an input of schema {@code input} return: the input's
   * own unless the splitter leaves a column out of them ({@link FoldColumn}'s fold column).
   */
  default StructType readSchema(StructType input) {
    return input;
  }

  /**
   * Splits {@code data} for reads at data fraction 1 only: {@code split(data, seed, List.of())}.
   */
  default Folds split(Dataset<Row> data, long seed) {
    return split(data, seed, List.of());
  }

  /**
   * Splits {@code data}, caching the assignment once; the caller closes the result. The result
   * reads data fraction 1 and each of {@code fractions} (see {@link Folds#train}); any other
   * fraction throws, as the cache keeps each row's level among these fractions only.
   *
   * @param fractions the data fractions the study reads, each in (0, 1]; duplicates and 1 are
   *     ignored, the order does not matter
   */
  Folds split(Dataset<Row> data, long seed, List<Double> fractions);

  /** Short stable name used in JSON and provenance, e.g. {@code "stratifiedKFold"}. */
  String name();

  /** The configuration as plain values (String, Long, Double, Boolean), for JSON. */
  Map<String, Object> config();
}
