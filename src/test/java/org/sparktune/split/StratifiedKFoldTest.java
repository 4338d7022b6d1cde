package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/** Exact stratification, checked against scikit-learn's StratifiedKFold on the same labels. */
class StratifiedKFoldTest {

  private static JsonNode fixture() throws IOException {
    try (InputStream in = StratifiedKFoldTest.class
        .getResourceAsStream("/fixtures/sklearn_stratified_kfold.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Arguments> sklearnCases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    fixture().path("cases").properties().forEach(e -> {
      if (e.getValue().path("warnings").isEmpty()) {
        out.add(Arguments.of(e.getKey(), e.getValue()));
      }
    });
    return out.stream();
  }

  static Dataset<Row> labels(JsonNode labels, int partitions) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (JsonNode l : labels) {
      rows.add(RowFactory.create(i++, l.asDouble()));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("label", DataTypes.DoubleType);
    return SparkTestSession.get().createDataFrame(rows, schema).repartition(partitions);
  }

  /** Rows per (fold, class) of a split. */
  static Map<String, Long> counts(Folds folds) {
    Map<String, Long> out = new HashMap<>();
    for (Fold f : folds.folds()) {
      for (Row r : f.validation().groupBy("label").count().collectAsList()) {
        out.put(f.index() + "/" + (int) r.getDouble(0), r.getLong(1));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sklearnCases")
  void eachFoldHoldsEachClassWithinOneRowOfScikitLearns(String name, JsonNode c) {
    for (int partitions : new int[] {1, 7}) {
      try (Folds folds = new StratifiedKFold().setNumFolds(5)
          .split(labels(c.path("labels"), partitions), 17)) {
        Map<String, Long> ours = counts(folds);
        for (JsonNode fold : c.path("folds")) {
          int k = fold.path("fold").asInt();
          fold.path("test_class_counts").properties().forEach(e -> {
            long theirs = e.getValue().asLong();
            long mine = ours.getOrDefault(k + "/" + e.getKey(), 0L);
            assertTrue(Math.abs(mine - theirs) <= 1, name + " fold " + k + " class "
                + e.getKey() + ": " + mine + " vs scikit-learn " + theirs);
          });
        }
        long[] sizes = folds.folds().stream().mapToLong(f -> f.validation().count()).toArray();
        long min = java.util.Arrays.stream(sizes).min().orElseThrow();
        long max = java.util.Arrays.stream(sizes).max().orElseThrow();
        assertTrue(max - min <= 1, name + " fold sizes " + java.util.Arrays.toString(sizes));
      }
    }
  }

  @Test
  void classWithFewerRowsThanFoldsFailsNamingTheSmallestClassAndAFixThatWorks()
      throws IOException {
    JsonNode tiny = fixture().path("cases").path("tiny_class_60");
    Dataset<Row> data = labels(tiny.path("labels"), 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().setNumFolds(5).split(data, 1));
    assertEquals("class 2.0 has 2 row(s), the fewest of any class and fewer than the 5 folds of"
        + " stratified k-fold, so some fold would have none of it. Classes with fewer than 5"
        + " rows: 2.0 (2), 1.0 (3). Set numFolds to at most 2, or drop or merge those classes.",
        e.getMessage());
    try (Folds folds = new StratifiedKFold().setNumFolds(2).split(data, 1)) {
      for (int i = 0; i < 2; i++) {
        assertEquals(1, folds.validation(i).where("label = 2.0").count(), "the advice works");
      }
    }
  }

  @Test
  void classOfOneRowFailsAdvisingToDropOrMergeIt() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(RowFactory.create(i, i == 0 ? 2.0 : i < 4 ? 1.0 : 0.0));
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("label", DataTypes.DoubleType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().setNumFolds(5).split(data, 1));
    assertEquals("class 2.0 has 1 row(s), the fewest of any class and fewer than the 5 folds of"
        + " stratified k-fold, so some fold would have none of it. Classes with fewer than 5"
        + " rows: 2.0 (1), 1.0 (3). A class needs at least 2 rows for 2 folds: drop or merge"
        + " class 2.0, then set numFolds to at most 3 or drop or merge the others too.",
        e.getMessage());
  }

  @Test
  void negativeZeroLabelsAreOneClassWithZero() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(RowFactory.create(i, i % 2 == 1 ? 1.0 : i % 4 == 0 ? 0.0 : -0.0));
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("label", DataTypes.DoubleType)).repartition(3);
    try (Folds folds = new StratifiedKFold().setNumFolds(5).split(data, 4)) {
      for (Fold f : folds.folds()) {
        assertEquals(20, f.validation().count(), "fold " + f.index());
        assertEquals(10, f.validation().where("label = 0.0").count(), "fold " + f.index());
      }
    }
  }

  @Test
  void booleanLabelsAreStratified() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      rows.add(RowFactory.create(i, i % 3 == 0));
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("y", DataTypes.BooleanType)).repartition(3);
    try (Folds folds = new StratifiedKFold().setNumFolds(3).setLabelCol("y").split(data, 2)) {
      for (Fold f : folds.folds()) {
        assertEquals(10, f.validation().where("y").count());
        assertEquals(20, f.validation().where("not y").count());
      }
      assertTrue(folds.minimumFraction().isPresent());
    }
    try (Folds folds = new Holdout().setValidationRatio(1.0 / 3).setLabelCol("y")
        .split(data, 2)) {
      assertEquals(10, folds.validation(0).where("y").count());
      assertEquals(20, folds.train(0, 1.0).where("y").count());
    }
  }

  @Test
  void stringLabelsAreStratifiedToo() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(RowFactory.create(i, i % 10 == 0 ? "rare" : "common"));
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("y", DataTypes.StringType)).repartition(3);
    try (Folds folds = new StratifiedKFold().setNumFolds(3).setLabelCol("y").split(data, 2)) {
      for (Fold f : folds.folds()) {
        assertEquals(10, f.validation().where("y = 'rare'").count());
        assertEquals(90, f.validation().where("y = 'common'").count());
      }
    }
  }

  @Test
  void nullLabelsFailCountingThem() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rows.add(RowFactory.create(i, i < 2 ? null : (double) (i % 2)));
    }
    Dataset<Row> data = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("label", DataTypes.DoubleType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().split(data, 1));
    assertEquals("labelCol 'label' is null in 2 row(s); stratification needs a class for every"
        + " row: fill or drop those rows.", e.getMessage());
  }
}
