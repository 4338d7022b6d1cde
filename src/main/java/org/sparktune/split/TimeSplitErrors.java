package org.sparktune.split;

import java.util.List;
import org.apache.spark.sql.types.DataType;

/** The bad-input messages of the time splits: what is wrong, why, and how to fix it. */
final class TimeSplitErrors {

  private static final String BY_TIME = "TimeBasedSplit";

  private TimeSplitErrors() {}

  static long checkRows(String splitter, String param, long value, String zero) {
    if (value < 0) {
      throw new IllegalArgumentException(splitter + " " + param + " is " + value + "; it must"
          + " be a whole number of rows, 0 or more (" + zero + ").");
    }
    return value;
  }

  static IllegalArgumentException tooFewRows(int numFolds, long rows) {
    return new IllegalArgumentException("TimeSeriesSplit numFolds is " + numFolds + " but the"
        + " input has " + rows + " row(s); it needs at least numFolds + 1 = " + (numFolds + 1)
        + " rows, a block to train on before the first fold's validation rows: set numFolds"
        + " to at most " + Math.max(1, rows - 1) + ", or add rows.");
  }

  static IllegalArgumentException tooManySplits(int numFolds, long rows, long testSize,
      long gap) {
    return new IllegalArgumentException("TimeSeriesSplit numFolds " + numFolds + " × testSize "
        + testSize + " + gap " + gap + " = " + (numFolds * testSize + gap) + " rows leave no"
        + " row for the first fold to train on: the input has " + rows + " rows. Lower"
        + " numFolds, testSize or gap.");
  }

  static IllegalArgumentException timeColUnset(String splitter) {
    return new IllegalArgumentException(splitter + " timeCol is not set; set it to the column"
        + " that orders the rows in time, e.g. setTimeCol(\"event_time\").");
  }

  static IllegalArgumentException timeColType(String splitter, String column, DataType type,
      boolean numbers) {
    return new IllegalArgumentException(splitter + " timeCol '" + column + "' is "
        + type.simpleString() + "; it must be a timestamp, timestamp_ntz or date column"
        + (numbers ? " or a number" : "") + ": convert it with to_timestamp(" + column
        + ") or to_date(" + column + ").");
  }

  static IllegalArgumentException nullTimes(String splitter, String column, long nulls) {
    return new IllegalArgumentException(splitter + " timeCol '" + column + "' is null in "
        + nulls + " row(s); a row without a time belongs to no fold: fill or drop those rows,"
        + " e.g. data.where(\"" + column + " IS NOT NULL\").");
  }

  static IllegalArgumentException horizonUnset() {
    return new IllegalArgumentException(BY_TIME + " horizon is not set; set the length of each"
        + " fold's validation window, e.g. setHorizon(\"30d\").");
  }

  static IllegalArgumentException badDuration(String splitter, String param, String text) {
    return new IllegalArgumentException(splitter + " " + param + " is '" + text + "'; a"
        + " duration is a whole number and a unit (30d, 6h, 2w, 15m, 90s) or ISO-8601 (P30D,"
        + " PT6H), above 0" + (param.equals("gap") ? " or 0" : "") + ".");
  }

  static IllegalArgumentException notWholeDays(String column, String param, String value) {
    return new IllegalArgumentException(BY_TIME + " " + param + " is '" + value + "' but timeCol"
        + " '" + column + "' is a date column, whose windows fall on whole days: give " + param
        + " in whole days, e.g. 1d.");
  }

  static IllegalArgumentException tooFewCutoffs(int given) {
    return new IllegalArgumentException(BY_TIME + " cutoffs holds " + given + " cut-off(s);"
        + " cross-validation needs at least 2 folds: give 2 or more cut-offs, ascending.");
  }

  static IllegalArgumentException badCutoff(String splitter, String text) {
    return new IllegalArgumentException(splitter + " cut-off '" + text + "' is not a date"
        + " (2024-03-01), a date and time (2024-03-01T06:00) or an instant"
        + " (2024-03-01T06:00:00Z).");
  }

  static IllegalArgumentException cutoffNotDate(String column, String cutoff) {
    return new IllegalArgumentException(BY_TIME + " cut-off '" + cutoff + "' is not a midnight"
        + " but timeCol '" + column + "' is a date column: give cut-offs as dates, e.g."
        + " 2024-03-01.");
  }

  static IllegalArgumentException cutoffsNotAscending(List<String> cutoffs) {
    return new IllegalArgumentException(BY_TIME + " cutoffs " + cutoffs + " are not strictly"
        + " ascending; give each fold's validation start in time order, each after the one"
        + " before.");
  }

  static IllegalArgumentException horizonLongerThanData(String horizon, String first,
      String last, String span) {
    return new IllegalArgumentException(BY_TIME + " horizon " + horizon + " is as long as the"
        + " data or longer: its times span " + span + ", from " + first + " to " + last + ", so"
        + " no row would be left to train on. Shorten the horizon.");
  }

  static IllegalArgumentException foldsBeforeData(int numFolds, String horizon, String gap,
      String first, String last, String span, String needed) {
    return new IllegalArgumentException(BY_TIME + " numFolds " + numFolds + " × horizon "
        + horizon + " + gap " + gap + " = " + needed + " reaches back to or before the first"
        + " time " + first + " of data that spans " + span + " (to " + last + "), so fold 0"
        + " would train on no row. Lower numFolds, horizon or gap, or give cut-offs.");
  }

  static IllegalArgumentException cutoffBeforeData(String cutoff, String gap, String first) {
    return new IllegalArgumentException(BY_TIME + " first cut-off " + cutoff + ", less gap "
        + gap + ", is at or before the first time " + first + " of the data, so fold 0 would"
        + " train on no row: give a later first cut-off.");
  }

  static IllegalArgumentException cutoffAfterData(String cutoff, String last) {
    return new IllegalArgumentException(BY_TIME + " cut-off " + cutoff + " is after the last"
        + " time " + last + " of the data, so its fold would validate on no row: give"
        + " cut-offs up to " + last + ".");
  }

  static IllegalArgumentException emptyWindow(int fold, String side, String start,
      String end) {
    return new IllegalArgumentException(BY_TIME + " fold " + fold + " would " + side + " on no"
        + " row: its " + (side.equals("train") ? "training" : "validation") + " window ["
        + start + ", " + end + ") holds no row of the data. Move the cut-offs, widen the"
        + " horizon or trainWindow, or lower numFolds.");
  }

  static IllegalArgumentException groupType(String splitter, String column, DataType type) {
    return new IllegalArgumentException(splitter + " groupCol '" + column + "' is "
        + type.simpleString() + "; a group is a value Spark can compare: a number, string,"
        + " boolean, date or timestamp column. Cast it, or pick another column.");
  }

  static IllegalArgumentException nullGroups(String splitter, String column, long nulls) {
    return new IllegalArgumentException(splitter + " groupCol '" + column + "' is null in "
        + nulls + " row(s); every row needs a group to keep its group on one side of each"
        + " fold: fill those rows (e.g. with their own id) or drop them.");
  }

  static IllegalArgumentException trainsOnlyValidationGroups(String splitter, int fold,
      String column) {
    return new IllegalArgumentException(splitter + " fold " + fold + " would train on no row:"
        + " every group of groupCol '" + column + "' in its training window is also in its"
        + " validation window, and a group never straddles a fold. Widen the training window,"
        + " or use a coarser time split.");
  }
}
