package org.sparktune.split;

import java.util.Arrays;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** The bad-input messages of splitters: what is wrong, why, and how to fix it. */
final class SplitErrors {

  private SplitErrors() {}

  static int checkNumFolds(String splitter, int numFolds) {
    if (numFolds < 2) {
      throw new IllegalArgumentException(splitter + " numFolds is " + numFolds + "; cross-"
          + "validation needs at least 2 folds: set numFolds to 2 or more, or use Holdout for"
          + " one train/validation split.");
    }
    return numFolds;
  }

  static double checkRatio(double ratio) {
    if (!(ratio > 0 && ratio < 1)) {
      throw new IllegalArgumentException("Holdout validationRatio is " + ratio + "; it must lie"
          + " strictly between 0 and 1 (e.g. 0.2 keeps a fifth of the rows for validation).");
    }
    return ratio;
  }

  static String checkColumnName(String splitter, String param, String column) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException(splitter + " " + param + " is empty; give the name of"
          + " a column of the input.");
    }
    return column;
  }

  static IllegalArgumentException missingColumn(String splitter, String param, String column,
      StructType schema) {
    return new IllegalArgumentException(splitter + " " + param + " '" + column + "' is not a"
        + " column of the input; its columns are " + Arrays.toString(schema.fieldNames())
        + ". Set " + param + " to one of them.");
  }

  static IllegalArgumentException foldColNotInteger(String column, DataType type) {
    return new IllegalArgumentException("foldCol '" + column + "' must be an integer column but"
        + " is " + type.simpleString() + "; cast it with col(\"" + column + "\").cast(\"int\")"
        + " or use another splitter.");
  }

  static IllegalArgumentException foldOutOfRange(String column, long min, long max,
      int numFolds) {
    return new IllegalArgumentException("foldCol '" + column + "' holds values from " + min
        + " to " + max + " but numFolds is " + numFolds + "; fold ids must lie in [0, "
        + numFolds + "): renumber the folds or set numFolds to match.");
  }

  static IllegalArgumentException nullFolds(String column, long nulls) {
    return new IllegalArgumentException("foldCol '" + column + "' is null in " + nulls
        + " row(s); every row needs a fold id in [0, numFolds): fill or drop those rows.");
  }

  static IllegalArgumentException classSmallerThanFolds(Object label, long count,
      int numFolds) {
    return new IllegalArgumentException("class " + label + " has " + count + " row(s), fewer"
        + " than the " + numFolds + " folds of stratified k-fold, so some fold would have none"
        + " of it; use at most " + count + " folds, or drop or merge that class.");
  }

  static IllegalArgumentException nullLabels(String column, long nulls) {
    return new IllegalArgumentException("labelCol '" + column + "' is null in " + nulls
        + " row(s); stratification needs a class for every row: fill or drop those rows.");
  }

  static IllegalArgumentException emptyInput() {
    return new IllegalArgumentException("the input DataFrame has no rows, so it cannot be"
        + " split into folds; check the filter or table version that produced it.");
  }

  static IllegalArgumentException unknownSplitter(String name) {
    return new IllegalArgumentException("unknown splitter '" + name + "'; the splitters are"
        + " [kFold, stratifiedKFold, holdout, foldColumn].");
  }

  static IllegalArgumentException unknownOption(String name, String key, String known) {
    return new IllegalArgumentException("splitter '" + name + "' has no option '" + key
        + "'; its options are " + known + ".");
  }
}
