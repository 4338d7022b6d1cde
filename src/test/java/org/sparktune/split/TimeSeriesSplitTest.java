package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.testing.SparkTestSession;

/** TimeSeriesSplit holds exactly the row positions scikit-learn's TimeSeriesSplit gives. */
class TimeSeriesSplitTest {

  private static final long BASE = Timestamp.valueOf("2024-01-01 00:00:00").getTime();

  static Stream<Arguments> sklearnCases() throws IOException {
    JsonNode fixture;
    try (InputStream in = TimeSeriesSplitTest.class
        .getResourceAsStream("/fixtures/sklearn_timeseries_split.json")) {
      fixture = new ObjectMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    fixture.path("cases").properties().forEach(e -> out.add(Arguments.of(e.getKey(),
        e.getValue())));
    return out.stream();
  }

  /**
   * {@code n} rows, row {@code i} at minute {@code i}, dealt round-robin over 4 partitions so
   * that the input's order is not the time order.
   */
  static Dataset<Row> minutes(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(i, new Timestamp(BASE + 60_000L * i), (double) (i % 7)));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("time", DataTypes.TimestampType).add("x", DataTypes.DoubleType);
    return SparkTestSession.get().createDataFrame(rows, schema).repartition(4);
  }

  private static List<Integer> ids(Dataset<Row> rows) {
    List<Integer> out = new ArrayList<>();
    for (Row r : rows.select("id").orderBy("id").collectAsList()) {
      out.add(r.getInt(0));
    }
    return out;
  }

  private static List<Integer> expected(JsonNode ranges) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode range : ranges) {
      for (int i = range.get(0).asInt(); i < range.get(1).asInt(); i++) {
        out.add(i);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearnCases")
  void foldsHoldScikitLearnsPositions(String name, JsonNode c) {
    JsonNode p = c.path("params");
    TimeSeriesSplit split = new TimeSeriesSplit().setTimeCol("time")
        .setNumFolds(p.path("n_splits").asInt())
        .setTestSize(p.path("test_size").asLong(0)).setGap(p.path("gap").asLong(0))
        .setMaxTrainSize(p.path("max_train_size").asLong(0));
    try (Folds folds = split.split(minutes(c.path("n").asInt()), 11)) {
      assertEquals(c.path("folds").size(), folds.numFolds());
      for (JsonNode f : c.path("folds")) {
        int i = f.path("fold").asInt();
        assertEquals(expected(f.path("train_ranges")), ids(folds.train(i, 1.0)), name
            + " fold " + i + " train");
        assertEquals(expected(f.path("test_ranges")), ids(folds.validation(i)), name
            + " fold " + i + " validation");
      }
    }
  }

  @Test
  void aFractionIsANestedSubsampleOfEachTrainingWindow() {
    TimeSeriesSplit split = new TimeSeriesSplit().setTimeCol("time").setNumFolds(3);
    try (Folds folds = split.split(minutes(2000), 5, List.of(0.25, 0.5))) {
      for (int i = 0; i < 3; i++) {
        List<Integer> quarter = ids(folds.train(i, 0.25));
        List<Integer> half = ids(folds.train(i, 0.5));
        List<Integer> all = ids(folds.train(i, 1.0));
        assertTrue(half.containsAll(quarter), "fold " + i + ": 0.25 within 0.5");
        assertTrue(all.containsAll(half), "fold " + i + ": 0.5 within 1");
        assertEquals(0.25, quarter.size() / (double) all.size(), 0.06, "fold " + i);
        assertEquals(0.5, half.size() / (double) all.size(), 0.06, "fold " + i);
        // spread over the whole window, not its first rows
        assertTrue(quarter.get(quarter.size() - 1) > all.get(all.size() * 3 / 4), "fold " + i);
        assertEquals(500, folds.validation(i).count(), "fold " + i);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameFolds() {
    TimeSeriesSplit split = new TimeSeriesSplit().setTimeCol("time").setNumFolds(2);
    List<Integer> first;
    try (Folds folds = split.split(minutes(300), 3, List.of(0.5))) {
      first = ids(folds.train(1, 0.5));
    }
    try (Folds folds = split.split(minutes(300), 3, List.of(0.5))) {
      assertEquals(first, ids(folds.train(1, 0.5)));
    }
  }

  @Test
  void tooFewRowsAndTooManySplitsFailWithScikitLearnsLimits() {
    IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
        () -> new TimeSeriesSplit().setTimeCol("time").setNumFolds(5).split(minutes(5), 1));
    assertEquals("TimeSeriesSplit numFolds is 5 but the input has 5 row(s); it needs at least"
        + " numFolds + 1 = 6 rows, a block to train on before the first fold's validation rows:"
        + " set numFolds to at most 4, or add rows.", few.getMessage());
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> new TimeSeriesSplit().setTimeCol("time").setNumFolds(5).setTestSize(20)
            .split(minutes(100), 1));
    assertEquals("TimeSeriesSplit numFolds 5 × testSize 20 + gap 0 = 100 rows leave no row for"
        + " the first fold to train on: the input has 100 rows. Lower numFolds, testSize or"
        + " gap.", many.getMessage());
  }
}
