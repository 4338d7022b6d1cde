package org.sparktune.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Time-series cross-validation by rows, with exactly scikit-learn's {@code TimeSeriesSplit}
 * semantics over the rows in time order: with {@code n} rows, {@code k} folds, a test size
 * {@code t} (default {@code n / (k + 1)}), a gap {@code g} and an optional maximum training
 * size {@code m}, fold {@code i} validates on the rows at positions {@code [s_i, s_i + t)} with
 * {@code s_i = n - (k - i) × t}, and trains on {@code [e_i - m, e_i)} (or {@code [0, e_i)}),
 * {@code e_i = s_i - g}. No training row comes after its fold's validation rows.
 *
 * <p>A row's position is its rank by {@code timeCol}; rows with equal times keep the order they
 * have in the input. The rows are ranked by one distributed sort (no row goes to the driver),
 * and only the rows some fold uses are cached, one relation per stretch between fold edges: a
 * fold's sides are unions of them, and nothing is cached twice. A declared data fraction {@code
 * f} keeps about {@code f} of each stretch (a seeded hash uniform), so a fraction of a training
 * window is spread over all of it.
 *
 * <pre>{@code
 * Splitter folds = new TimeSeriesSplit().setTimeCol("day").setNumFolds(5).setGap(7);
 * }</pre>
 */
public final class TimeSeriesSplit implements Splitter {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "TimeSeriesSplit";
  private static final String TIE = "__sparktune_tie";
  private static final String POSITION = "__sparktune_position";

  private String timeCol;
  private String groupCol;
  private int numFolds = 5;
  private long testSize;
  private long gap;
  private long maxTrainSize;

  /** Sets the column that orders the rows in time (a timestamp, date or number). */
  public TimeSeriesSplit setTimeCol(String value) {
    timeCol = SplitErrors.checkColumnName(NAME, "timeCol", value);
    return this;
  }

  /** Sets the number of folds, scikit-learn's {@code n_splits} (default 5), at least 2. */
  public TimeSeriesSplit setNumFolds(int value) {
    numFolds = SplitErrors.checkNumFolds(NAME, value);
    return this;
  }

  /** Sets the rows each fold validates on (default 0: {@code n / (numFolds + 1)}). */
  public TimeSeriesSplit setTestSize(long value) {
    testSize = TimeSplitErrors.checkRows(NAME, "testSize", value, "0 for n / (numFolds + 1)");
    return this;
  }

  /** Sets the rows left out between a fold's training and validation rows (default 0). */
  public TimeSeriesSplit setGap(long value) {
    gap = TimeSplitErrors.checkRows(NAME, "gap", value, "0 for none");
    return this;
  }

  /** Sets the most rows a fold trains on, its latest ones (default 0: no limit). */
  public TimeSeriesSplit setMaxTrainSize(long value) {
    maxTrainSize = TimeSplitErrors.checkRows(NAME, "maxTrainSize", value, "0 for no limit");
    return this;
  }

  /**
   * Sets a group column (default none): each fold's training rows then leave out every row of
   * a group that has a row in its validation window, so that no group is on both sides.
   */
  public TimeSeriesSplit setGroupCol(String value) {
    groupCol = SplitErrors.checkColumnName(NAME, "groupCol", value);
    return this;
  }

  public String getGroupCol() {
    return groupCol;
  }

  public String getTimeCol() {
    return timeCol;
  }

  public long getTestSize() {
    return testSize;
  }

  public long getGap() {
    return gap;
  }

  public long getMaxTrainSize() {
    return maxTrainSize;
  }

  @Override
  public int numFolds() {
    return numFolds;
  }

  @Override
  public void validate(StructType schema) {
    TimeAxis.check(NAME, timeCol, schema, true);
    TimeAxis.checkGroup(NAME, groupCol, schema);
  }

  /**
   * The windows of the {@code n} rows, by position, as scikit-learn computes them; throws when
   * {@code n} rows cannot make them.
   */
  List<Segments.Window> windows(long n) {
    if (numFolds + 1 > n) {
      throw TimeSplitErrors.tooFewRows(numFolds, n);
    }
    long t = testSize > 0 ? testSize : n / (numFolds + 1);
    if (n - gap - t * numFolds <= 0) {
      throw TimeSplitErrors.tooManySplits(numFolds, n, t, gap);
    }
    List<Segments.Window> windows = new ArrayList<>();
    for (int i = 0; i < numFolds; i++) {
      long start = n - (long) (numFolds - i) * t;
      long end = start - gap;
      long from = maxTrainSize > 0 && maxTrainSize < end ? end - maxTrainSize : 0;
      windows.add(new Segments.Window(from, end, start, start + t));
    }
    return windows;
  }

  @Override
  public Folds split(Dataset<Row> data, long seed, List<Double> fractions) {
    validate(data.schema());
    Levels levels = Levels.of(fractions);
    Row counted = data.agg(functions.count(functions.lit(1)),
        functions.count(ColumnNames.col(timeCol)),
        functions.count(groupCol == null ? functions.lit(1) : ColumnNames.col(groupCol)))
        .first();
    long n = counted.getLong(0);
    if (n == 0) {
      throw SplitErrors.emptyInput();
    }
    if (counted.getLong(1) < n) {
      throw TimeSplitErrors.nullTimes(NAME, timeCol, n - counted.getLong(1));
    }
    if (counted.getLong(2) < n) {
      throw TimeSplitErrors.nullGroups(NAME, groupCol, n - counted.getLong(2));
    }
    Segments segments = Segments.of(windows(n));
    String[] columns = data.columns();
    Dataset<Row> ranked = data.withColumn(TIE, functions.monotonically_increasing_id())
        .orderBy(ColumnNames.col(timeCol), functions.col(TIE)).drop(TIE);
    StructType schema = ranked.schema().add(POSITION, DataTypes.LongType, false);
    int width = columns.length;
    JavaRDD<Row> positioned = ranked.javaRDD().zipWithIndex().map(pair -> {
      Object[] values = new Object[width + 1];
      for (int c = 0; c < width; c++) {
        values[c] = pair._1().get(c);
      }
      values[width] = pair._2();
      return RowFactory.create(values);
    });
    Column position = functions.col(POSITION);
    Dataset<Row> segmented = data.sparkSession().createDataFrame(positioned, schema)
        .withColumn(SegmentLayout.SEGMENT, SegmentLayout.segmentOf(position, segments,
            functions::lit))
        .where(functions.col(SegmentLayout.SEGMENT).geq(0));
    List<Dataset<Row>> relations = SegmentLayout.cache(segmented, columns, segments.count(),
        seed, levels, rows -> {});
    return TimeAxis.folds(NAME, relations, columns, segments, levels, groupCol);
  }

  @Override
  public String name() {
    return "timeSeriesSplit";
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
    config.put("testSize", testSize);
    config.put("gap", gap);
    config.put("maxTrainSize", maxTrainSize);
    return config;
  }

  @Override
  public String toString() {
    return NAME + config();
  }
}
