package org.sparktune.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Folds the user already has: an integer column whose value in {@code [0, numFolds)} is the
 * fold a row validates in, as {@code CrossValidator.setFoldCol} takes it. Every fold id must
 * hold a row. A declared data fraction {@code f} is the rows whose plain seeded hash uniform is
 * below {@code f}: about {@code f} of each fold, not stratified (the splitter knows no classes).
 *
 * <p>The fold column is dropped from the cached data and from every read, as CrossValidator
 * drops its {@code foldCol} from each fold's training and validation sides: the folds' rows
 * have the input's columns less the fold column ({@link #readSchema}), so an estimator must not
 * read it (the search checks this before any job). The refit on all the data, like
 * CrossValidator's, sees the input as given.
 *
 * <pre>{@code
 * Splitter folds = new FoldColumn().setFoldCol("fold").setNumFolds(3);
 * }</pre>
 */
public final class FoldColumn implements Splitter {

  private static final long serialVersionUID = 1L;

  private String foldCol = "fold";
  private int numFolds = 3;

  /** Sets the fold column (default "fold"): an int column. */
  public FoldColumn setFoldCol(String value) {
    foldCol = SplitErrors.checkColumnName("FoldColumn", "foldCol", value);
    return this;
  }

  /** Sets the number of folds (default 3), at least 2. */
  public FoldColumn setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds("FoldColumn", value);
    return this;
  }

  public String getFoldCol() {
    return foldCol;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    if (!List.of(schema.fieldNames()).contains(foldCol)) {
      throw SplitErrors.missingColumn("FoldColumn", "foldCol", foldCol, schema);
    }
    StructField field = schema.apply(foldCol);
    if (!field.dataType().equals(DataTypes.IntegerType)) {
      throw SplitErrors.foldColNotInteger(foldCol, field.dataType());
    }
  }

  /** The input's columns less the fold column: what the folds' reads return. */
  @Override
  public StructType readSchema(StructType input) {
    return new StructType(Arrays.stream(input.fields())
        .filter(field -> !field.name().equals(foldCol)).toArray(StructField[]::new));
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    Levels levels = Levels.of(fractions);
    long target = FoldLayout.partitionBytes(data.sparkSession());
    List<Dataset<Row>> relations = ExactAssignment.withInputCached(data, input ->
        ColumnFolds.cache(input, input, foldCol, numFolds, target, seed, levels,
            this::partitionFoldRows, foldCol));
    return new Folds(relations, readSchema(data.schema()).fieldNames(), numFolds, false, levels,
        null);
  }

  /**
   * Rows of each fold id in each input partition, from (partition id, fold id, count) rows;
   * throws when a fold id is bad or unused.
   */
  private Map<Integer, long[]> partitionFoldRows(List<Row> counts) {
    long[] rows = new long[numFolds];
    long nulls = 0;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (Row r : counts) {
      if (r.isNullAt(1)) {
        nulls += r.getLong(2);
        continue;
      }
      min = Math.min(min, r.getInt(1));
      max = Math.max(max, r.getInt(1));
    }
    if (counts.isEmpty()) {
      throw SplitErrors.emptyInput();
    }
    if (nulls > 0) {
      throw SplitErrors.nullFolds(foldCol, nulls);
    }
    if (min < 0 || max >= numFolds) {
      throw SplitErrors.foldOutOfRange(foldCol, min, max, numFolds);
    }
    Map<Integer, long[]> byPartition = new HashMap<>();
    for (Row r : counts) {
      rows[r.getInt(1)] += r.getLong(2);
      byPartition.computeIfAbsent(r.getInt(0), p -> new long[numFolds])[r.getInt(1)] +=
          r.getLong(2);
    }
    List<Integer> missing = new ArrayList<>();
    for (int j = 0; j < numFolds; j++) {
      if (rows[j] == 0) {
        missing.add(j);
      }
    }
    if (!missing.isEmpty()) {
      throw SplitErrors.emptyFolds(foldCol, missing, numFolds);
    }
    return byPartition;
  }

  @Override
  public String name() {
    return "foldColumn";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("foldCol", foldCol);
    config.put("numFolds", (long) numFolds);
    return config;
  }

  @Override
  public String toString() {
    return "FoldColumn" + config();
  }
}
