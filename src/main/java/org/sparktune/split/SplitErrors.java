package org.sparktune.split;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** The bad-input messages of splitters: what is wrong, why, and how to fix it. */
final class SplitErrors {

  private static final int LISTED = 10;

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

  /** Checks that {@code column} is in {@code schema} with a type classes can be grouped by. */
  static void checkLabel(String splitter, String column, StructType schema) {
    checkLabel(splitter, column, schema, "KFold or Holdout without labelCol");
  }

  /**
   * Checks the label column as {@link #checkLabel(String, String, StructType)} does; the message
   * on a bad type offers {@code instead} as the splitter to use without labelCol.
   */
  static void checkLabel(String splitter, String column, StructType schema, String instead) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw missingColumn(splitter, "labelCol", column, schema);
    }
    DataType type = schema.apply(column).dataType();
    if (!groupable(type)) {
      throw labelType(splitter, column, type, instead);
    }
  }

  /** Whether Spark can group and order values of {@code type} and they mean one class each. */
  private static boolean groupable(DataType type) {
    return type instanceof NumericType || type instanceof StringType
        || type instanceof BooleanType || type instanceof DateType
        || type instanceof TimestampType || type instanceof TimestampNTZType;
  }

  static IllegalArgumentException labelType(String splitter, String column, DataType type,
      String instead) {
    return new IllegalArgumentException(splitter + " labelCol '" + column + "' is "
        + type.simpleString() + "; stratification needs a class per row that Spark can group"
        + " and order: a number, string, boolean, date or timestamp column. Cast or index it"
        + " (e.g. with StringIndexer), or use " + instead + ".");
  }

  /** Checks that {@code column} is in {@code schema} with a type rows can be grouped by. */
  static void checkGroup(String splitter, String column, StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw missingColumn(splitter, "groupCol", column, schema);
    }
    DataType type = schema.apply(column).dataType();
    if (!(groupable(type) || type instanceof BinaryType)) {
      throw new IllegalArgumentException(splitter + " groupCol '" + column + "' is "
          + type.simpleString() + "; a group is one value of the column, which Spark must group"
          + " and order: a number, string, boolean, date, timestamp or binary column. Set"
          + " groupCol to the column that names each row's group (e.g. a user or patient id),"
          + " or build one, e.g. with concat_ws of its parts.");
    }
  }

  static IllegalArgumentException nullGroups(String splitter, String column, long nulls) {
    return new IllegalArgumentException(splitter + " groupCol '" + column + "' is null in "
        + nulls + " row(s); every row needs a group, or the rows of one group could be on both"
        + " sides of a fold: fill those rows (e.g. with coalesce and a group of their own) or"
        + " drop them.");
  }

  static IllegalArgumentException tooFewGroups(String splitter, String column, int groups,
      int numFolds) {
    if (groups < 2) {
      return new IllegalArgumentException(splitter + " groupCol '" + column + "' has " + groups
          + " distinct group, but a split by group needs at least 2 groups, one to validate on"
          + " in each of 2 folds: set groupCol to a column with more groups, or use KFold to"
          + " split rows.");
    }
    return new IllegalArgumentException(splitter + " groupCol '" + column + "' has " + groups
        + " distinct groups but numFolds is " + numFolds + "; every fold validates on whole"
        + " groups, so " + (numFolds - groups) + " fold(s) would validate on no row: set"
        + " numFolds to at most " + groups + ".");
  }

  /**
   * The message for folds the greedy stratified rule left with no group.
   *
   * @param workable the largest numFolds below {@code numFolds} that leaves no fold empty, or 0
   */
  static IllegalArgumentException emptyGroupFolds(String column, int groups,
      List<Integer> empty, int numFolds, int workable) {
    String fix = workable >= 2 ? "set numFolds to " + workable + ", the most that fills every"
        + " fold, or use GroupKFold, which fills every fold by size."
        : "no numFolds from 2 up does; use GroupKFold, which fills every fold by size.";
    return new IllegalArgumentException("StratifiedGroupKFold put the " + groups + " groups of"
        + " groupCol '" + column + "' in " + (numFolds - empty.size()) + " of " + numFolds
        + " folds, leaving fold(s) " + empty + " with no row to validate on: each group goes"
        + " where it keeps the class shares closest, and too few groups are left for the last"
        + " folds; " + fix);
  }

  static IllegalArgumentException groupIsLabel(String column) {
    return new IllegalArgumentException("StratifiedGroupKFold groupCol and labelCol are both '"
        + column + "'; a group must hold rows of several classes for the split to stratify:"
        + " set groupCol to the column that names each row's group (e.g. a user or patient"
        + " id), or use StratifiedKFold without groups.");
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

  static IllegalArgumentException emptyFolds(String column, List<Integer> missing,
      int numFolds) {
    return new IllegalArgumentException("foldCol '" + column + "' has no row with fold id "
        + missing + " of [0, " + numFolds + "), so " + (missing.size() == 1 ? "that fold"
        : "those folds") + " would validate on no row; renumber the folds to 0.."
        + (numFolds - missing.size() - 1) + " and set numFolds to "
        + (numFolds - missing.size()) + ".");
  }

  static IllegalArgumentException nullFolds(String column, long nulls) {
    return new IllegalArgumentException("foldCol '" + column + "' is null in " + nulls
        + " row(s); every row needs a fold id in [0, numFolds): fill or drop those rows.");
  }

  static IllegalArgumentException tooFewRowsForFolds(String splitter, long rows, int numFolds) {
    if (rows < 2) {
      return new IllegalArgumentException(splitter + " numFolds is " + numFolds + " but the"
          + " input has " + rows + " row; cross-validation needs at least 2 rows, one to"
          + " validate on in each of 2 folds: add rows.");
    }
    return new IllegalArgumentException(splitter + " numFolds is " + numFolds + " but the input"
        + " has " + rows + " rows, so " + (numFolds - rows) + " fold(s) would validate on no"
        + " row; set numFolds to at most " + rows + ".");
  }

  static IllegalArgumentException holdoutTooFewRows(long rows, double ratio) {
    if (rows < 2) {
      return new IllegalArgumentException("Holdout on " + rows + " row puts no row on the"
          + " validation side; a train/validation split needs at least 2 rows: add rows.");
    }
    double least = Math.ceil(10000.0 / rows) / 10000;
    return new IllegalArgumentException("Holdout validationRatio " + ratio + " on " + rows
        + " rows puts floor(" + rows + " × " + ratio + ") = 0 rows on the validation side;"
        + " set validationRatio to at least " + least + " (one row in " + rows + "), or add"
        + " rows.");
  }

  static IllegalArgumentException classOnlyValidates(Object label, long count, double ratio) {
    return new IllegalArgumentException("Holdout class " + label + " has " + count + " row(s)"
        + " and validationRatio " + ratio + " puts all of them on the validation side, so no"
        + " model would train on that class; lower validationRatio, or drop or merge that"
        + " class.");
  }

  /**
   * The message for classes smaller than the folds.
   *
   * @param small every class with fewer rows than folds and its row count, fewest first
   */
  static IllegalArgumentException classSmallerThanFolds(List<Map.Entry<Object, Long>> small,
      int numFolds) {
    Map.Entry<Object, Long> first = small.get(0);
    String listed = small.stream().limit(LISTED).map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", ")) + (small.size() > LISTED ? ", …" : "");
    String head = "class " + first.getKey() + " has " + first.getValue() + " row(s), the fewest"
        + " of any class and fewer than the " + numFolds + " folds of stratified k-fold, so some"
        + " fold would have none of it. Classes with fewer than " + numFolds + " rows: " + listed
        + ". ";
    if (first.getValue() >= 2) {
      return new IllegalArgumentException(head + "Set numFolds to at most " + first.getValue()
          + ", or drop or merge those classes.");
    }
    List<Object> single = small.stream().filter(e -> e.getValue() < 2).map(Map.Entry::getKey)
        .collect(Collectors.toList());
    Long workable = small.stream().map(Map.Entry::getValue).filter(n -> n >= 2).findFirst()
        .orElse(null);
    String fix = "A class needs at least 2 rows for 2 folds: drop or merge "
        + (single.size() == 1 ? "class " + single.get(0) : "classes " + single);
    return new IllegalArgumentException(head + fix + (workable == null ? "."
        : ", then set numFolds to at most " + workable + " or drop or merge the others too."));
  }

  static IllegalArgumentException nullLabels(String column, long nulls) {
    return new IllegalArgumentException("labelCol '" + column + "' is null in " + nulls
        + " row(s); stratification needs a class for every row: fill or drop those rows.");
  }

  static IllegalArgumentException emptyInput() {
    return new IllegalArgumentException("the input DataFrame has no rows, so it cannot be"
        + " split into folds; check the filter or table version that produced it.");
  }

  static IllegalArgumentException noSuchFold(int fold, int numFolds) {
    return new IllegalArgumentException("fold " + fold + " does not exist: this split has "
        + numFolds + " fold(s), numbered 0 to " + (numFolds - 1) + "; pass a fold index in"
        + " that range.");
  }

  static IllegalArgumentException fraction(double fraction) {
    return new IllegalArgumentException("data fraction is " + fraction + "; it must lie in"
        + " (0, 1]: 1 trains on all of a fold's training rows, 0.25 on a nested quarter of"
        + " them.");
  }

  static IllegalArgumentException undeclaredFraction(double fraction, List<Double> declared) {
    String serves = declared.isEmpty() ? "fraction 1 only"
        : "the fractions " + declared + " and 1";
    return new IllegalArgumentException("data fraction " + fraction + " was not declared when"
        + " the data was split; this split serves " + serves + " (its cache keeps each row's"
        + " level among the declared fractions, not a uniform to compare with any fraction):"
        + " declare " + fraction + " in the fractions passed to Splitter.split(data, seed,"
        + " fractions), or read one of those.");
  }

  static IllegalArgumentException declaredFraction(Double fraction, List<Double> declared) {
    return new IllegalArgumentException("a declared data fraction is " + fraction + " (of "
        + declared + "); each must lie in (0, 1]: 1 reads all of a fold's rows, 0.25 a nested"
        + " quarter of them. Declare the fractions the study reads, e.g. List.of(1.0 / 9,"
        + " 1.0 / 3).");
  }

  static IllegalArgumentException fractionsNull() {
    return new IllegalArgumentException("the declared data fractions are null; pass the"
        + " fractions the study reads, or List.of() when it reads fraction 1 only.");
  }

  static IllegalArgumentException partitionBytes(String key, String value) {
    return new IllegalArgumentException("Spark conf " + key + " is '" + value + "'; it must be"
        + " a whole number of bytes above 0 (the target size of a cached partition, default"
        + " 67108864 = 64 MiB): set it to e.g. 67108864 or unset it.");
  }

  static IllegalArgumentException unknownSplitter(String name) {
    return new IllegalArgumentException("unknown splitter '" + name + "'; the splitters are"
        + " [kFold, stratifiedKFold, holdout, foldColumn, groupKFold, stratifiedGroupKFold,"
        + " timeSeriesSplit, timeBasedSplit].");
  }

  static IllegalArgumentException unknownOption(String name, String key, String known) {
    return new IllegalArgumentException("splitter '" + name + "' has no option '" + key
        + "'; its options are " + known + ".");
  }

  static IllegalArgumentException optionNotNumber(String name, String key, Object value,
      String range, String example) {
    return new IllegalArgumentException("splitter '" + name + "' option " + key + " is "
        + describe(value) + "; it must be a number " + range + ", e.g. " + example
        + " (a JSON number, not a string).");
  }

  static IllegalArgumentException optionNotWhole(String name, String key, Object value,
      String range) {
    return new IllegalArgumentException("splitter '" + name + "' option " + key + " is "
        + value + "; it must be a whole number " + range + ".");
  }

  static IllegalArgumentException optionNotText(String name, String key, Object value) {
    return new IllegalArgumentException("splitter '" + name + "' option " + key + " is "
        + describe(value) + "; it must be a column name, as a string.");
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
  }
}
