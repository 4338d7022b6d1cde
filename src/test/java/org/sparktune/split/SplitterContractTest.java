package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.testing.SparkTestSession;

/** What every splitter promises, checked on each one. */
class SplitterContractTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = SparkTestSession.get().range(0, 1000, 1, 4).toDF("id")
        .withColumn("label", functions.col("id").mod(7).equalTo(0).cast("double"))
        .withColumn("fold", functions.col("id").mod(3).cast("int"))
        .withColumn("x", functions.rand(3))
        .withColumn("g", functions.concat(functions.lit("g"), functions.col("id").mod(37)));
  }

  static Stream<Splitter> splitters() {
    return Stream.of(new KFold().setNumFolds(4),
        new StratifiedKFold().setNumFolds(3).setLabelCol("label"),
        new Holdout().setValidationRatio(0.3),
        new Holdout().setValidationRatio(0.2).setLabelCol("label"),
        new FoldColumn().setFoldCol("fold").setNumFolds(3),
        new GroupKFold().setNumFolds(3).setGroupCol("g"),
        new StratifiedGroupKFold().setNumFolds(4).setGroupCol("g").setLabelCol("label"));
  }

  /** Whether the seed leaves the folds as they are and draws only the data fractions. */
  private static boolean foldsIgnoreTheSeed(Splitter splitter) {
    return splitter instanceof FoldColumn || splitter instanceof GroupKFold
        || splitter instanceof StratifiedGroupKFold;
  }

  private static List<Long> validationIds(Folds folds, int index) {
    return folds.folds().get(index).validation().orderBy("id").select("id").as(
        org.apache.spark.sql.Encoders.LONG()).collectAsList();
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void everyRowValidatesOnceAndNeverTrainsInItsOwnFold(Splitter splitter) {
    try (Folds folds = splitter.split(data, 5)) {
      assertEquals(splitter.numFolds(), folds.folds().size());
      Set<Long> seen = new HashSet<>();
      List<String> columns = List.of(splitter.readSchema(data.schema()).fieldNames());
      assertEquals(splitter instanceof FoldColumn, !columns.contains("fold"),
          "FoldColumn alone drops a column: its fold column, as CrossValidator does");
      for (Fold f : folds.folds()) {
        assertEquals(columns, List.of(f.train().columns()), "no helper column leaks");
        assertEquals(columns, List.of(f.validation().columns()));
        assertEquals(columns, List.of(folds.train(f.index(), 1.0).columns()));
        assertEquals(0, f.train().join(f.validation(), "id").count());
        assertEquals(1000, f.train().count() + f.validation().count());
        for (Long id : validationIds(folds, f.index())) {
          assertTrue(seen.add(id), "row " + id + " validates twice");
        }
      }
      if (splitter.numFolds() > 1) {
        assertEquals(1000, seen.size());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void sameSeedGivesTheSameSplitAndAnotherSeedAnotherOne(Splitter splitter) {
    List<Long> first;
    try (Folds folds = splitter.split(data, 5)) {
      first = validationIds(folds, 0);
    }
    try (Folds folds = splitter.split(data, 5)) {
      assertEquals(first, validationIds(folds, 0));
    }
    try (Folds folds = splitter.split(data, 6)) {
      if (foldsIgnoreTheSeed(splitter)) {
        assertEquals(first, validationIds(folds, 0));
      } else {
        assertNotEquals(first, validationIds(folds, 0));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void dataFractionsAreNestedSubsamplesOfTheTrainRows(Splitter splitter) {
    try (Folds folds = splitter.split(data, 5, List.of(0.5, 0.25))) {
      Dataset<Row> quarter = folds.train(0, 0.25);
      Dataset<Row> half = folds.train(0, 0.5);
      long all = folds.folds().get(0).train().count();
      assertEquals(0, quarter.join(half, List.of("id").iterator().next()).count()
          - quarter.count(), "every quarter row is in the half");
      assertEquals(all, folds.train(0, 1.0).count());
      assertEquals(0.25 * all, quarter.count(), 0.06 * all);
      assertEquals(0.5 * all, half.count(), 0.08 * all);
    }
  }

  @org.junit.jupiter.api.Test
  void columnNamesWithBackticksAndDotsAreOneColumnEach() {
    Dataset<Row> odd = data.select(functions.col("id").as("i.d"),
        functions.col("label").as("la`bel"), functions.col("fold").as("fo`ld"));
    for (Splitter s : List.of(new FoldColumn().setFoldCol("fo`ld").setNumFolds(3),
        new StratifiedKFold().setNumFolds(3).setLabelCol("la`bel"),
        new Holdout().setValidationRatio(0.2).setLabelCol("la`bel"),
        new GroupKFold().setGroupCol("fo`ld").setNumFolds(3),
        new StratifiedGroupKFold().setGroupCol("fo`ld").setLabelCol("la`bel").setNumFolds(3))) {
      try (Folds folds = s.split(odd, 5)) {
        for (Fold f : folds.folds()) {
          assertEquals(List.of(s.readSchema(odd.schema()).fieldNames()),
              List.of(f.train().columns()));
          assertEquals(1000, f.train().count() + f.validation().count(), s.toString());
        }
        folds.minimumFraction();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void configRebuildsAnEqualSplitter(Splitter splitter) {
    Splitter again = Splitters.fromConfig(splitter.name(), splitter.config());
    assertEquals(splitter.config(), again.config());
    assertEquals(splitter.getClass(), again.getClass());
  }
}
