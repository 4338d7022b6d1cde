package org.sparktune.split;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Folds the user already has: an integer column whose value in {@code [0, numFolds)} is the
 * fold a row validates in, as {@code CrossValidator.setFoldCol} takes it.
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

  @Override
  public Folds split(Dataset<Row> data, long seed) {
    validate(data.schema());
    Dataset<Row> assigned = ExactAssignment.tag(data, seed)
        .withColumn(Folds.FOLD, functions.col("`" + foldCol + "`"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row range = assigned.agg(functions.count(functions.lit(1)),
        functions.count(functions.col(Folds.FOLD)), functions.min(Folds.FOLD),
        functions.max(Folds.FOLD)).first();
    try {
      if (range.getLong(0) == 0) {
        throw SplitErrors.emptyInput();
      }
      if (range.getLong(1) < range.getLong(0)) {
        throw SplitErrors.nullFolds(foldCol, range.getLong(0) - range.getLong(1));
      }
      if (range.getInt(2) < 0 || range.getInt(3) >= numFolds) {
        throw SplitErrors.foldOutOfRange(foldCol, range.getInt(2), range.getInt(3), numFolds);
      }
    } catch (IllegalArgumentException e) {
      assigned.unpersist();
      throw e;
    }
    return new Folds(assigned, data.columns(), numFolds, false);
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
