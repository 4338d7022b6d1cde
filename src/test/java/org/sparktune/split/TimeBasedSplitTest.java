package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparktune.testing.SparkTestSession;

/** TimeBasedSplit: windows by time, never training after validation, and its bad input. */
class TimeBasedSplitTest {

  private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);

  /**
   * {@code days} days from 2024-01-01, {@code perDay} rows a day, with a date
   * column {@code day}, a timestamp {@code ts} and a wall-clock {@code local} spaced evenly
   * through the day, dealt over 3
   * partitions out of time order; days listed in {@code skip} have no row.
   */
  static Dataset<Row> days(int days, int perDay, int... skip) {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int d = 0; d < days; d++) {
      final int day = d;
      if (java.util.Arrays.stream(skip).anyMatch(s -> s == day)) {
        continue;
      }
      for (int h = 0; h < perDay; h++) {
        LocalDateTime at = FIRST.plusDays(d).atStartOfDay().plusMinutes(h * (1440L / perDay));
        rows.add(RowFactory.create(id++, Date.valueOf(FIRST.plusDays(d)),
            Timestamp.valueOf(at), at, (double) (id % 5)));
      }
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("day", DataTypes.DateType).add("ts", DataTypes.TimestampType)
        .add("local", DataTypes.TimestampNTZType).add("x", DataTypes.DoubleType);
    return SparkTestSession.get().createDataFrame(rows, schema).repartition(3);
  }

  private static Row span(Dataset<Row> rows, String column) {
    return rows.agg(functions.min(column), functions.max(column), functions.count("*")).first();
  }

  @Test
  void expandingWindowsEndAtTheLastDayAndNeverTrainAfterValidation() {
    Dataset<Row> data = days(30, 4);
    TimeBasedSplit split = new TimeBasedSplit().setTimeCol("day").setNumFolds(3)
        .setHorizon("5d").setGap("1d");
    try (Folds folds = split.split(data, 7)) {
      for (int i = 0; i < 3; i++) {
        LocalDate validationStart = FIRST.plusDays(15 + 5 * i);
        Row validation = span(folds.validation(i), "day");
        assertEquals(Date.valueOf(validationStart), validation.getDate(0), "fold " + i);
        assertEquals(Date.valueOf(validationStart.plusDays(4)), validation.getDate(1));
        assertEquals(20, validation.getLong(2));
        Row train = span(folds.train(i, 1.0), "day");
        assertEquals(Date.valueOf(FIRST), train.getDate(0), "expanding: from the first day");
        assertEquals(Date.valueOf(validationStart.minusDays(2)), train.getDate(1),
            "a day's gap before validation");
        assertEquals(4 * (14 + 5 * i), train.getLong(2));
      }
    }
  }

  @Test
  void slidingWindowsOnATimestampKeepTheirLengthAndGap() {
    Dataset<Row> data = days(10, 24);
    TimeBasedSplit split = new TimeBasedSplit().setTimeCol("ts").setNumFolds(4)
        .setHorizon("PT12H").setGap("6h").setTrainWindow("2d");
    List<TimeBasedSplit.Window> windows = split.windows(data);
    try (Folds folds = split.split(data, 7)) {
      for (int i = 0; i < 4; i++) {
        TimeBasedSplit.Window w = windows.get(i);
        Timestamp validationStart = Timestamp.valueOf(LocalDateTime.of(2024, 1, 9, 0, 0)
            .plusHours(12L * i));
        Row validation = span(folds.validation(i), "ts");
        assertEquals(validationStart, validation.getTimestamp(0), "fold " + i);
        assertEquals(12, validation.getLong(2));
        Row train = span(folds.train(i, 1.0), "ts");
        Timestamp trainEnd = Timestamp.valueOf(validationStart.toLocalDateTime().minusHours(6));
        assertEquals(Timestamp.valueOf(trainEnd.toLocalDateTime().minusDays(2)),
            train.getTimestamp(0), "fold " + i + ": two days back from the gap");
        assertEquals(Timestamp.valueOf(trainEnd.toLocalDateTime().minusHours(1)),
            train.getTimestamp(1), "fold " + i + ": six hours before validation");
        assertEquals(48, train.getLong(2));
        assertEquals(48, data.where(w.train()).count(), "the window's filter: " + w);
        assertEquals(12, data.where(w.validation()).count());
      }
    }
  }

  @Test
  void cutoffsSetTheValidationStartsOnAWallClockColumn() {
    Dataset<Row> data = days(20, 2);
    TimeBasedSplit split = new TimeBasedSplit().setTimeCol("local").setHorizon("3d")
        .setCutoffs("2024-01-08", "2024-01-12T00:00", "2024-01-18");
    try (Folds folds = split.split(data, 7)) {
      assertEquals(3, folds.numFolds());
      int[] starts = {7, 11, 17};
      int[] validationRows = {6, 6, 6};
      for (int i = 0; i < 3; i++) {
        Row validation = span(folds.validation(i), "local");
        assertEquals(FIRST.plusDays(starts[i]).atStartOfDay(), validation.getAs(0));
        assertEquals(validationRows[i], validation.getLong(2), "fold " + i);
        assertEquals(2L * starts[i], folds.train(i, 1.0).count());
      }
    }
  }

  @Test
  void aFractionIsANestedSubsampleOfEachWindow() {
    Dataset<Row> data = days(40, 50);
    TimeBasedSplit split = new TimeBasedSplit().setTimeCol("day").setHorizon("5d")
        .setTrainWindow("20d");
    try (Folds folds = split.split(data, 3, List.of(0.25))) {
      for (int i = 0; i < 3; i++) {
        Dataset<Row> quarter = folds.train(i, 0.25);
        long all = folds.train(i, 1.0).count();
        assertEquals(0.25, quarter.count() / (double) all, 0.05, "fold " + i);
        assertEquals(0, quarter.except(folds.train(i, 1.0)).count());
        Row whole = span(folds.train(i, 1.0), "day");
        Row part = span(quarter, "day");
        assertEquals(whole.getDate(0), part.getDate(0), "spread over the whole window");
        assertEquals(whole.getDate(1), part.getDate(1));
      }
    }
  }

  @Test
  void aGroupColumnKeepsEachGroupOnOneSideOfEveryFold() {
    // Each user has seven rows, under two days, so users straddle the edges of the windows.
    Dataset<Row> data = days(30, 4).withColumn("user", functions.expr("CAST(id / 7 AS INT)"));
    TimeBasedSplit split = new TimeBasedSplit().setTimeCol("day").setHorizon("5d")
        .setGroupCol("user");
    List<TimeBasedSplit.Window> windows = split.windows(data);
    try (Folds folds = split.split(data, 7, List.of(0.5))) {
      for (int i = 0; i < 3; i++) {
        Dataset<Row> train = folds.train(i, 1.0);
        Dataset<Row> validation = folds.validation(i);
        assertEquals(0, train.join(validation, "user").count(), "fold " + i);
        Dataset<Row> window = data.where(windows.get(i).train());
        long straddling = window.join(validation.select("user").distinct(), "user").count();
        assertTrue(straddling > 0, "a user straddles fold " + i + "'s edge");
        assertEquals(window.count() - straddling, train.count(), "fold " + i);
        assertEquals(0, folds.train(i, 0.5).join(validation, "user").count());
      }
    }
  }

  @Test
  void groupsThatLeaveAFoldNothingToTrainOnOrThatAreNullFail() {
    Dataset<Row> data = days(30, 4).withColumn("user", functions.expr("id % 3"));
    assertEquals("TimeBasedSplit fold 0 would train on no row: every group of groupCol 'user'"
        + " in its training window is also in its validation window, and a group never"
        + " straddles a fold. Widen the training window, or use a coarser time split.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d").setGroupCol("user")
            .split(data, 1)));
    Dataset<Row> nulls = data.withColumn("user", functions.expr("IF(id < 5, NULL, user)"));
    assertEquals("TimeSeriesSplit groupCol 'user' is null in 5 row(s); every row needs a group"
        + " to keep its group on one side of each fold: fill those rows (e.g. with their own"
        + " id) or drop them.",
        fails(() -> new TimeSeriesSplit().setTimeCol("day").setGroupCol("user")
            .split(nulls, 1)));
  }

  @Test
  void bothTimeSplitsRoundTripThroughTheirConfig() {
    Splitter byTime = new TimeBasedSplit().setTimeCol("day").setGroupCol("user")
        .setHorizon("7d").setGap("1d")
        .setTrainWindow("P60D").setCutoffs("2024-02-01", "2024-03-01");
    assertEquals(byTime.toString(), Splitters.fromJson(Splitters.toJson(byTime)).toString());
    assertEquals(2, Splitters.fromJson(Splitters.toJson(byTime)).numFolds());
    Splitter byRows = new TimeSeriesSplit().setTimeCol("day").setNumFolds(4).setTestSize(100)
        .setGap(2).setMaxTrainSize(500);
    assertEquals(byRows.toString(), Splitters.fromJson(Splitters.toJson(byRows)).toString());
    assertEquals(List.of("2024-01-01", "2024-02-01"), ((TimeBasedSplit) Splitters.fromConfig(
        "timeBasedSplit", java.util.Map.of("horizon", "1d", "cutoffs",
            List.of("2024-01-01", "2024-02-01")))).getCutoffs());
  }

  private static String fails(Supplier<?> run) {
    return assertThrows(IllegalArgumentException.class, run::get).getMessage();
  }

  @Test
  void badInputFailsBeforeTrainingWithTheFix() {
    Dataset<Row> data = days(30, 2);
    assertEquals("TimeBasedSplit timeCol is not set; set it to the column that orders the rows"
        + " in time, e.g. setTimeCol(\"event_time\").",
        fails(() -> new TimeBasedSplit().setHorizon("5d").split(data, 1)));
    assertEquals("TimeBasedSplit timeCol 'when' is not a column of the input; its columns are"
        + " [id, day, ts, local, x]. Set timeCol to one of them.",
        fails(() -> new TimeBasedSplit().setTimeCol("when").setHorizon("5d").split(data, 1)));
    assertEquals("TimeBasedSplit timeCol 'x' is double; it must be a timestamp, timestamp_ntz"
        + " or date column: convert it with to_timestamp(x) or to_date(x).",
        fails(() -> new TimeBasedSplit().setTimeCol("x").setHorizon("5d").split(data, 1)));
    assertEquals("TimeBasedSplit horizon is not set; set the length of each fold's validation"
        + " window, e.g. setHorizon(\"30d\").",
        fails(() -> new TimeBasedSplit().setTimeCol("day").split(data, 1)));
    Dataset<Row> nulls = data.withColumn("day", functions.when(functions.col("id").lt(3),
        functions.lit(null).cast("date")).otherwise(functions.col("day")));
    assertEquals("TimeBasedSplit timeCol 'day' is null in 3 row(s); a row without a time"
        + " belongs to no fold: fill or drop those rows, e.g. data.where(\"day IS NOT NULL\").",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d").split(nulls, 1)));
    assertEquals("TimeBasedSplit horizon is 'a month'; a duration is a whole number and a unit"
        + " (30d, 6h, 2w, 15m, 90s) or ISO-8601 (P30D, PT6H), above 0.",
        fails(() -> new TimeBasedSplit().setHorizon("a month")));
    assertEquals("TimeBasedSplit gap is 'PT6H' but timeCol 'day' is a date column, whose"
        + " windows fall on whole days: give gap in whole days, e.g. 1d.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d").setGap("PT6H")
            .split(data, 1)));
    assertEquals("TimeBasedSplit horizon 30d is as long as the data or longer: its times span"
        + " 30d, from 2024-01-01 to 2024-01-30, so no row would be left to train on. Shorten"
        + " the horizon.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("30d").split(data, 1)));
    assertEquals("TimeBasedSplit numFolds 4 × horizon 7d + gap 2d = 30d reaches back to or"
        + " before the first time 2024-01-01 of data that spans 30d (to 2024-01-30), so fold 0"
        + " would train on no row. Lower numFolds, horizon or gap, or give cut-offs.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setNumFolds(4).setHorizon("7d")
            .setGap("2d").split(data, 1)));
    assertEquals("TimeBasedSplit cutoffs [2024-01-20, 2024-01-10] are not strictly ascending;"
        + " give each fold's validation start in time order, each after the one before.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d")
            .setCutoffs("2024-01-20", "2024-01-10").split(data, 1)));
    assertEquals("TimeBasedSplit cut-off 2024-02-10 is after the last time 2024-01-30 of the"
        + " data, so its fold would validate on no row: give cut-offs up to 2024-01-30.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d")
            .setCutoffs("2024-01-20", "2024-02-10").split(data, 1)));
    assertEquals("TimeBasedSplit cut-off 'March' is not a date (2024-03-01), a date and time"
        + " (2024-03-01T06:00) or an instant (2024-03-01T06:00:00Z).",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d")
            .setCutoffs("March", "2024-01-10").split(data, 1)));
    Dataset<Row> holed = days(30, 2, 20, 21, 22, 23, 24);
    assertEquals("TimeBasedSplit fold 1 would validate on no row: its validation window"
        + " [2024-01-21, 2024-01-26) holds no row of the data. Move the cut-offs, widen the"
        + " horizon or trainWindow, or lower numFolds.",
        fails(() -> new TimeBasedSplit().setTimeCol("day").setHorizon("5d").split(holed, 1)));
  }
}
