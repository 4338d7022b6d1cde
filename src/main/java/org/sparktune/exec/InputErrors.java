package org.sparktune.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The bad-input messages of a search: what is wrong, why, and how to fix it. Used by the
 * Spark face's setters and by {@link SearchChecks}.
 */
public final class InputErrors {

  private InputErrors() {}

  public static int atLeast(String param, int value, int min, String what) {
    if (value < min) {
      throw new IllegalArgumentException(param + " must be at least " + min + " but is " + value
          + "; set " + param + " to the number of " + what + " you want (" + min + " or more).");
    }
    return value;
  }

  /**
   * {@code seconds}, if it is a positive number of seconds; {@code what} says what the budget
   * bounds and {@code example} is a value to suggest.
   */
  public static double positiveSeconds(String param, double seconds, String what,
      String example) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(param + " must be more than 0 seconds but is "
          + seconds + "; it is the wall-clock budget of " + what + ": give the seconds it may"
          + " take, e.g. set" + capitalized(param) + "(" + example + "), or clear(" + param
          + "()) for none.");
    }
    return seconds;
  }

  public static int noImprovementTrials(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("stopAfterNoImprovement must be at least 1 but is "
          + value + "; it is the number of finished trials in a row without a better value"
          + " that stops the study: give one, e.g. setStopAfterNoImprovement(10), or"
          + " clear(stopAfterNoImprovement()) for none.");
    }
    return value;
  }

  public static double targetMetric(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("targetMetric must be a finite number but is " + value
          + "; give the metric value that stops the study once a COMPLETE trial reaches it (at"
          + " least it when the evaluator's larger values are better, at most it otherwise),"
          + " e.g. setTargetMetric(0.9), or clear(targetMetric()) for none.");
    }
    return value;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  public static String studyName(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("studyName is blank; give the study a name that says"
          + " what it tunes, e.g. setStudyName(\"churn-lr\"): every event of its log carries"
          + " it.");
    }
    return value;
  }

  public static IllegalArgumentException nullValue(String param) {
    return new IllegalArgumentException(param + " cannot be set to null; set it to a value, or"
        + " clear(" + param + "()) to use the default.");
  }

  public static IllegalArgumentException notSet(String param, String example) {
    return new IllegalArgumentException("HyperparameterSearch needs " + param + "; call "
        + example + " before fit.");
  }

  public static IllegalArgumentException emptySpace() {
    return new IllegalArgumentException("searchSpace has no dimension to search; add at least"
        + " one, e.g. new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0).");
  }

  public static IllegalArgumentException estimatorRejectsInput(String estimator, Exception cause,
      StructType schema) {
    return new IllegalArgumentException("estimator " + estimator + " cannot use the input: "
        + firstLine(cause.getMessage()) + ". The input's columns are " + columns(schema)
        + "; point the estimator's column params (featuresCol, labelCol, inputCols, …) at"
        + " columns the input has.", cause);
  }

  public static IllegalArgumentException estimatorReadsDroppedColumn(String estimator,
      Exception cause, StructType input, StructType read) {
    List<String> dropped = new ArrayList<>(List.of(input.fieldNames()));
    dropped.removeAll(List.of(read.fieldNames()));
    return new IllegalArgumentException("estimator " + estimator + " cannot use the folds' rows: "
        + firstLine(cause.getMessage()) + ". The splitter leaves " + dropped + " out of every"
        + " fold's rows, as CrossValidator drops its foldCol, so they have the columns "
        + columns(read) + "; point the estimator's column params at one of those, or copy the"
        + " fold column under another name if the estimator must read it.", cause);
  }

  public static IllegalArgumentException evaluatorColumnMissing(String evaluator, String param,
      String column, StructType modelOutput) {
    return new IllegalArgumentException("evaluator " + evaluator + " reads column '" + column
        + "' (" + param + "), which the estimator's model does not write; the model's output"
        + " columns are " + columns(modelOutput) + ". Set " + param + " to one of them, or use"
        + " an evaluator that fits the model (e.g. RegressionEvaluator for a regressor).");
  }

  public static IllegalArgumentException rungBelowFloor(String scheduler, double fraction,
      double floor, String labelClass, int fold) {
    String workable = floor > 1 ? "no fraction works: that fold trains on no row of the class;"
        + " give the class more rows or merge it with another" : String.format(
            "the smallest workable fraction is %.4g: raise minFraction to at least that, or run"
            + " fewer rungs (fewer candidates or a larger reduction factor)", floor);
    return new IllegalArgumentException(String.format("%s's first rung trains on data fraction"
        + " %.4g, which leaves fold %d's training rows without a row of class '%s'; %s.",
        scheduler, fraction, fold + 1, labelClass, workable));
  }

  public static IllegalArgumentException minValidationRows(long value) {
    return new IllegalArgumentException("minValidationRows must be at least 1 but is " + value
        + "; it is the fewest validation rows a rung below full data is scored on: 10000 is the"
        + " default, and a number above every fold's size scores every rung on whole folds.");
  }

  public static IllegalArgumentException emptyInput() {
    return new IllegalArgumentException("the input DataFrame has no rows; nothing can be"
        + " tuned on it: check the filter or the table version that produced it.");
  }

  public static String columns(StructType schema) {
    return Arrays.toString(Arrays.stream(schema.fields())
        .map(InputErrors::describe).toArray());
  }

  private static String describe(StructField f) {
    return f.name() + ": " + f.dataType().simpleString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no message";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
