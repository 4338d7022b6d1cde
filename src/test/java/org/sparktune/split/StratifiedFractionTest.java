package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.testing.SparkTestSession;

/**
 * A data fraction f of a stratified split holds f of every class of every fold within one row,
 * nested in f and spread over the input's partitions; and the floor below which a fold loses a
 * class.
 */
class StratifiedFractionTest {

  private static final double[] FRACTIONS = {1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0};
  /** The fractions declared when splitting: 1 among them, which a split ignores. */
  private static final List<Double> DECLARED = List.of(1.0 / 3, 1.0, 1.0 / 27, 1.0 / 9);
  private static final int ROWS = 3000;
  private static final int PARTITIONS = 4;

  private static Dataset<Row> data;

  /** Three classes of 70%, 25% and 5%, over four input partitions of 750 rows by id. */
  @BeforeAll
  static void data() {
    data = SparkTestSession.get().range(0, ROWS, 1, PARTITIONS).toDF("id")
        .withColumn("label", functions.when(functions.col("id").mod(20).equalTo(0), 2.0)
            .when(functions.col("id").mod(4).equalTo(1), 1.0).otherwise(0.0))
        .withColumn("fold", functions.col("id").mod(3).cast("int"));
  }

  static Stream<Arguments> stratified() {
    return Stream.of(Arguments.of(new StratifiedKFold().setNumFolds(3), "label", 2),
        Arguments.of(new KFold().setNumFolds(3), null, 2),
        Arguments.of(new Holdout().setValidationRatio(0.25).setLabelCol("label"), "label", 1));
  }

  private static Column classOf(String labelCol) {
    return labelCol == null ? functions.lit(0.0) : functions.col(labelCol);
  }

  /** The cached relations as one, with each row's fold id added on read. */
  private static Dataset<Row> withFoldIds(Folds folds) {
    Dataset<Row> all = null;
    for (int j = 0; j < folds.foldIds(); j++) {
      Dataset<Row> rows = folds.cached(j).withColumn(Folds.FOLD, functions.lit(j));
      all = all == null ? rows : all.union(rows);
    }
    return all;
  }

  /** Whether a cached row is in fraction {@code f}: its level is at most f's rank. */
  private static Column within(Folds folds, double f) {
    int r = folds.fractions().indexOf(f);
    return r < 0 ? functions.lit(true) : functions.col(Folds.LEVEL).leq(r);
  }

  @ParameterizedTest
  @MethodSource("stratified")
  void eachFoldAndClassHoldsItsFractionWithinOneRow(Splitter splitter, String labelCol,
      int trainingFoldIds) {
    try (Folds folds = splitter.split(data, 9, DECLARED)) {
      assertEquals(List.of(1.0 / 27, 1.0 / 9, 1.0 / 3), folds.fractions());
      for (double f : FRACTIONS) {
        for (Row r : withFoldIds(folds).groupBy(functions.col(Folds.FOLD), classOf(labelCol))
            .agg(functions.count(functions.lit(1)), functions.count(functions.when(
                within(folds, f), true))).collectAsList()) {
          double share = f * r.getLong(2);
          assertTrue(Math.abs(r.getLong(3) - share) < 1, "fold id " + r.get(0) + " class "
              + r.get(1) + " at " + f + ": " + r.getLong(3) + " rows for " + share);
        }
        for (int i = 0; i < folds.numFolds(); i++) {
          Map<Object, Long> all = byClass(folds.train(i, 1.0), labelCol);
          Map<Object, Long> some = byClass(folds.train(i, f), labelCol);
          for (Map.Entry<Object, Long> c : all.entrySet()) {
            double share = f * c.getValue();
            long got = some.getOrDefault(c.getKey(), 0L);
            assertTrue(Math.abs(got - share) <= trainingFoldIds, "fold " + i + " class "
                + c.getKey() + " at " + f + ": " + got + " training rows for " + share);
          }
        }
      }
    }
  }

  private static Map<Object, Long> byClass(Dataset<Row> rows, String labelCol) {
    Map<Object, Long> out = new HashMap<>();
    for (Row r : rows.groupBy(classOf(labelCol)).count().collectAsList()) {
      out.put(r.get(0), r.getLong(1));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("stratified")
  void theRowsOfAFractionAreSpreadOverTheInputPartitions(Splitter splitter, String labelCol,
      int trainingFoldIds) {
    double f = 1.0 / 9;
    try (Folds folds = splitter.split(data, 9, DECLARED)) {
      Column part = functions.floor(functions.col("id").divide(ROWS / PARTITIONS));
      for (Row r : withFoldIds(folds).groupBy(functions.col(Folds.FOLD), classOf(labelCol), part)
          .agg(functions.count(functions.lit(1)), functions.count(functions.when(
              within(folds, f), true))).collectAsList()) {
        double share = f * r.getLong(3);
        assertTrue(Math.abs(r.getLong(4) - share) <= 3, "fold id " + r.get(0) + " class "
            + r.get(1) + " input partition " + r.get(2) + ": " + r.getLong(4) + " rows for "
            + share);
      }
    }
  }

  /**
   * The floors pinned here are those the split gave when it cached each row's {@code u} and
   * took the least per (fold, class) from the cache: gathering them during the walk instead
   * changes nothing, to the last bit.
   */
  @Test
  void minimumFractionNamesTheClassAndFoldThatBind() {
    Splitter splitter = new StratifiedKFold().setNumFolds(3);
    FractionFloor floor;
    try (Folds folds = splitter.split(data, 9)) {
      floor = folds.minimumFraction().orElseThrow();
    }
    assertEquals(new FractionFloor(0.011509306767307027, "2.0", 0), floor);
    double below = floor.fraction() * (1 - 1e-9);
    try (Folds folds = splitter.split(data, 9, List.of(below, floor.fraction()))) {
      assertEquals(floor, folds.minimumFraction().orElseThrow());
      for (int i = 0; i < 3; i++) {
        assertEquals(3, folds.train(i, floor.fraction()).select("label").distinct().count(),
            "fold " + i + " trains on every class at " + floor);
      }
      assertEquals(0, folds.train(floor.fold(), below).where("label = 2.0").count(),
          "just below the floor, the fold loses the class");
    }
  }

  @Test
  void minimumFractionOfAStratifiedHoldoutBindsItsOneFold() {
    Splitter splitter = new Holdout().setValidationRatio(0.25).setLabelCol("label");
    FractionFloor floor;
    try (Folds folds = splitter.split(data, 9)) {
      floor = folds.minimumFraction().orElseThrow();
    }
    assertEquals(new FractionFloor(0.004891604043584597, "2.0", 0), floor);
    double below = floor.fraction() * (1 - 1e-9);
    try (Folds folds = splitter.split(data, 9, List.of(floor.fraction(), below))) {
      assertEquals(3, folds.train(0, floor.fraction()).select("label").distinct().count());
      assertEquals(2, folds.train(0, below).select("label").distinct().count());
    }
  }

  @Test
  void minimumFractionIsUnknownWithoutClasses() {
    for (Splitter s : List.of(new KFold(), new Holdout(),
        new FoldColumn().setFoldCol("fold").setNumFolds(3))) {
      try (Folds folds = s.split(data, 9)) {
        assertEquals(Optional.empty(), folds.minimumFraction(), s.toString());
      }
    }
  }
}
