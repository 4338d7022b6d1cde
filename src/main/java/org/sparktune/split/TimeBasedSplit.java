package org.sparktune.split;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Time-based cross-validation by time: each fold validates on a window of time (its horizon)
 * and trains on the window before it, ending a gap (an embargo) before the validation window
 * starts, and either reaching back to the first row (expanding, the default) or spanning a
 * fixed length (sliding). A fold's training rows are its window, never "everything not in
 * validation": no training row lies after its validation window starts.
 *
 * <p>The folds' validation windows are given by cut-offs (each the start of one fold's
 * validation window, ascending), or, by default, are the last {@code numFolds} horizons of the
 * data back to back: the last ends just after the latest time in {@code timeCol}. Durations are
 * a number and a unit ({@code 30d}, {@code 6h}, {@code 2w}, {@code 15m}, {@code 90s}) or
 * ISO-8601 ({@code P30D}, {@code PT6H}); on a date column they must be whole days. A cut-off is
 * a date ({@code 2024-03-01}), a date and time ({@code 2024-03-01T06:00}, read in the session
 * time zone for a timestamp column, as Spark reads such text) or an instant ({@code
 * 2024-03-01T06:00:00Z}).
 *
 * <p>Every window is a plain comparison of {@code timeCol} with a literal of its own type, so
 * Spark pushes it to the scan: on a table partitioned (or clustered, or with per-file
 * statistics, as Delta keeps them) by {@code timeCol}, the split reads only the files of the
 * folds' windows, each stretch between window edges by its own filter, and a time range no fold
 * uses is never read. The split first reads the column's least and greatest value and its nulls
 * (one pass over that column). Only the rows some window holds are cached, once, one relation
 * per stretch between window edges: a fold's sides are unions of them. A declared data fraction
 * {@code f} keeps about {@code f} of each stretch (a seeded hash uniform), so a fraction of a
 * training window is spread over all of it.
 *
 * <pre>{@code
 * Splitter folds = new TimeBasedSplit().setTimeCol("event_time").setNumFolds(4)
 *     .setHorizon("30d").setGap("2d").setTrainWindow("180d");
 * }</pre>
 */
public final class TimeBasedSplit implements Splitter {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "TimeBasedSplit";
  /** The training window that reaches back to the first row. */
  public static final String EXPANDING = "expanding";

  private String timeCol;
  private String groupCol;
  private int numFolds = 3;
  private String horizon;
  private String gap = "0d";
  private String trainWindow = EXPANDING;
  private List<String> cutoffs = List.of();

  /**
   * One fold's windows on a data set, as {@link #windows} resolves them: it trains on {@code
   * [trainStart, trainEnd)} and validates on {@code [validationStart, validationEnd)}, each
   * ISO-8601 text of the time column's type.
   *
   * @param train the filter of its training rows on the input
   * @param validation the filter of its validation rows on the input
   */
  public record Window(int fold, String trainStart, String trainEnd, String validationStart,
      String validationEnd, Column train, Column validation) {}

  /** Sets the time column: a timestamp, a timestamp without time zone, or a date. */
  public TimeBasedSplit setTimeCol(String value) {
    timeCol = SplitErrors.checkColumnName(NAME, "timeCol", value);
    return this;
  }

  /** Sets the number of folds (default 3), at least 2; cut-offs, when given, set it instead. */
  public TimeBasedSplit setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds(NAME, value);
    return this;
  }

  /** Sets the length of each fold's validation window, e.g. {@code 30d} (required). */
  public TimeBasedSplit setHorizon(String value) {
    TimeAxis.duration(NAME, "horizon", value, false);
    horizon = value.trim();
    return this;
  }

  /** Sets the time left out between a fold's training and validation windows (default 0d). */
  public TimeBasedSplit setGap(String value) {
    TimeAxis.duration(NAME, "gap", value, true);
    gap = value.trim();
    return this;
  }

  /**
   * Sets the training window: {@value #EXPANDING} (the default: back to the first row) or a
   * duration, e.g. {@code 180d}, for a sliding window of that length.
   */
  public TimeBasedSplit setTrainWindow(String value) {
    if (value == null || !value.trim().equalsIgnoreCase(EXPANDING)) {
      TimeAxis.duration(NAME, "trainWindow", value, false);
    }
    trainWindow = value.trim().equalsIgnoreCase(EXPANDING) ? EXPANDING : value.trim();
    return this;
  }

  /**
   * Sets the start of each fold's validation window, ascending; the number of folds is then
   * their number (at least 2).
   */
  public TimeBasedSplit setCutoffs(String... values) {
    List<String> list = values == null ? List.of() : List.of(values);
    if (list.size() < 2) {
      throw TimeSplitErrors.tooFewCutoffs(list.size());
    }
    cutoffs = list;
    numFolds = list.size();
    return this;
  }

  /**
   * Sets a group column (default none): each fold's training rows then leave out every row of
   * a group that has a row in its validation window, so that no group is on both sides.
   */
  public TimeBasedSplit setGroupCol(String value) {
    groupCol = SplitErrors.checkColumnName(NAME, "groupCol", value);
    return this;
  }

  public String getGroupCol() {
    return groupCol;
  }

  public String getTimeCol() {
    return timeCol;
  }

  public String getHorizon() {
    return horizon;
  }

  public String getGap() {
    return gap;
  }

  public String getTrainWindow() {
    return trainWindow;
  }

  public List<String> getCutoffs() {
    return cutoffs;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    TimeAxis.check(NAME, timeCol, schema, false);
    TimeAxis.checkGroup(NAME, groupCol, schema);
    if (horizon == null) {
      throw TimeSplitErrors.horizonUnset();
    }
    TimeAxis axis = TimeAxis.of(schema, timeCol);
    if (axis.dates()) {
      wholeDays("horizon", horizon);
      wholeDays("gap", gap);
      if (!trainWindow.equals(EXPANDING)) {
        wholeDays("trainWindow", trainWindow);
      }
    }
  }

  private void wholeDays(String param, String value) {
    if (TimeAxis.duration(NAME, param, value, true) % TimeAxis.DAY != 0) {
      throw TimeSplitErrors.notWholeDays(timeCol, param, value);
    }
  }

  /**
   * Each fold's windows on {@code data}: one pass over {@code timeCol} for its least and
   * greatest value; throws, naming the fix, when a window would hold no time of the data.
   */
  public List<Window> windows(Dataset<Row> data) {
    validate(data.schema());
    TimeAxis axis = TimeAxis.of(data.schema(), timeCol);
    List<Segments.Window> windows = resolve(data, axis);
    Column time = ColumnNames.col(timeCol);
    List<Window> out = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      Segments.Window w = windows.get(i);
      out.add(new Window(i, axis.format(w.trainStart()), axis.format(w.trainEnd()),
          axis.format(w.validationStart()), axis.format(w.validationEnd()),
          between(time, axis, w.trainStart(), w.trainEnd()),
          between(time, axis, w.validationStart(), w.validationEnd())));
    }
    return out;
  }

  private static Column between(Column time, TimeAxis axis, long start, long end) {
    return time.geq(axis.literal(start)).and(time.lt(axis.literal(end)));
  }

  /** The folds' windows in microseconds, checked against the data's least and greatest time. */
  private List<Segments.Window> resolve(Dataset<Row> data, TimeAxis axis) {
    Column time = ColumnNames.col(timeCol);
    Row stats = data.agg(functions.min(time), functions.max(time),
        functions.count(functions.lit(1)), functions.count(time),
        functions.count(groupCol == null ? functions.lit(1) : ColumnNames.col(groupCol)))
        .first();
    long rows = stats.getLong(2);
    if (rows == 0) {
      throw SplitErrors.emptyInput();
    }
    if (stats.getLong(3) < rows) {
      throw TimeSplitErrors.nullTimes(NAME, timeCol, rows - stats.getLong(3));
    }
    if (stats.getLong(4) < rows) {
      throw TimeSplitErrors.nullGroups(NAME, groupCol, rows - stats.getLong(4));
    }
    long first = axis.micros(stats.get(0));
    long last = axis.micros(stats.get(1));
    long end = last + axis.step();
    long h = TimeAxis.duration(NAME, "horizon", horizon, false);
    long g = TimeAxis.duration(NAME, "gap", gap, true);
    long w = trainWindow.equals(EXPANDING) ? -1
        : TimeAxis.duration(NAME, "trainWindow", trainWindow, false);
    long[] starts = new long[numFolds];
    if (cutoffs.isEmpty()) {
      if (h >= end - first) {
        throw TimeSplitErrors.horizonLongerThanData(horizon, axis.format(first),
            axis.format(last), TimeAxis.describe(end - first));
      }
      for (int i = 0; i < numFolds; i++) {
        starts[i] = end - (long) (numFolds - i) * h;
      }
      if (starts[0] - g <= first) {
        throw TimeSplitErrors.foldsBeforeData(numFolds, horizon, gap, axis.format(first),
            axis.format(last), TimeAxis.describe(end - first), TimeAxis.describe(
                (long) numFolds * h + g));
      }
    } else {
      ZoneId zone = ZoneId.of(SparkSession.active().conf().get("spark.sql.session.timeZone"));
      for (int i = 0; i < numFolds; i++) {
        starts[i] = axis.parse(NAME, cutoffs.get(i), zone);
        if (axis.dates() && starts[i] % TimeAxis.DAY != 0) {
          throw TimeSplitErrors.cutoffNotDate(timeCol, cutoffs.get(i));
        }
        if (i > 0 && starts[i] <= starts[i - 1]) {
          throw TimeSplitErrors.cutoffsNotAscending(cutoffs);
        }
      }
      if (starts[0] - g <= first) {
        throw TimeSplitErrors.cutoffBeforeData(cutoffs.get(0), gap, axis.format(first));
      }
      if (starts[numFolds - 1] > last) {
        throw TimeSplitErrors.cutoffAfterData(cutoffs.get(numFolds - 1), axis.format(last));
      }
    }
    List<Segments.Window> windows = new ArrayList<>();
    for (int i = 0; i < numFolds; i++) {
      long trainEnd = starts[i] - g;
      long trainStart = w < 0 ? first : Math.max(first, trainEnd - w);
      windows.add(new Segments.Window(trainStart, trainEnd, starts[i],
          Math.min(end, starts[i] + h)));
    }
    return windows;
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    Levels levels = Levels.of(fractions);
    TimeAxis axis = TimeAxis.of(data.schema(), timeCol);
    List<Segments.Window> windows = resolve(data, axis);
    Segments segments = Segments.of(windows);
    Column time = ColumnNames.col(timeCol);
    Dataset<Row> segmented = data.where(between(time, axis, segments.start(), segments.end()))
        .withColumn(SegmentLayout.SEGMENT, SegmentLayout.segmentOf(time, segments,
            axis::literal))
        .where(functions.col(SegmentLayout.SEGMENT).geq(0));
    int[][] train = segments.trainIds();
    int[][] validation = segments.validationIds();
    List<Dataset<Row>> relations = SegmentLayout.cache(segmented, data.columns(),
        segments.count(), seed, levels, rows -> {
          long[] trainRows = Segments.sideRows(train, rows);
          long[] validationRows = Segments.sideRows(validation, rows);
          for (int i = 0; i < windows.size(); i++) {
            Segments.Window w = windows.get(i);
            if (trainRows[i] == 0) {
              throw TimeSplitErrors.emptyWindow(i, "train", axis.format(w.trainStart()),
                  axis.format(w.trainEnd()));
            }
            if (validationRows[i] == 0) {
              throw TimeSplitErrors.emptyWindow(i, "validate", axis.format(
                  w.validationStart()), axis.format(w.validationEnd()));
            }
          }
        });
    return TimeAxis.folds(NAME, relations, data.columns(), segments, levels, groupCol);
  }

  @Override
  public String name() {
    return "timeBasedSplit";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    if (timeCol != null) {
      config.put("timeCol", timeCol);
    }
    if (groupCol != null) {
      config.put("groupCol", groupCol);
    }
    config.put("numFolds", (long) numFolds);
    if (horizon != null) {
      config.put("horizon", horizon);
    }
    config.put("gap", gap);
    config.put("trainWindow", trainWindow);
    if (!cutoffs.isEmpty()) {
      config.put("cutoffs", String.join(",", cutoffs));
    }
    return config;
  }

  @Override
  public String toString() {
    return NAME + config();
  }
}
