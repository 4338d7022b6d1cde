package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.TrialState;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/**
 * The group splitters on real Spark: no group on both sides of any fold (checked by joins),
 * every row validated once, scikit-learn's greedy rules (by hand and against scikit-learn's own
 * folds), stratification, declared fractions, seeds, and a search through the public API.
 */
class GroupSplitTest {

  /** Rows of the skewed data set: 30 groups of 6 to 16 rows. */
  private static final long SKEWED_ROWS = 332;

  private static Dataset<Row> skewed;

  /**
   * 30 groups g00 to g29 of {@code 6 + (7g mod 11)} rows; every sixth group from g00 is all
   * positive but one row, every fourth from g01 has one positive row, the others none: 57 of
   * 332 rows positive, over three input partitions.
   */
  @BeforeAll
  static void data() {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int g = 0; g < 30; g++) {
      int size = 6 + (g * 7) % 11;
      int positive = g % 6 == 0 ? size - 1 : g % 4 == 1 ? 1 : 0;
      for (int r = 0; r < size; r++) {
        rows.add(RowFactory.create(id++, String.format("g%02d", g), r < positive ? 1.0 : 0.0));
      }
    }
    skewed = frame(rows).repartition(3).cache();
    assertEquals(SKEWED_ROWS, skewed.count());
  }

  @AfterAll
  static void release() {
    skewed.unpersist();
  }

  private static Dataset<Row> frame(List<Row> rows) {
    return SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("group", DataTypes.StringType)
        .add("label", DataTypes.DoubleType));
  }

  /** Rows (id, group, label): {@code counts[g][c]} rows of class c in group {@code names[g]}. */
  private static Dataset<Row> groups(String[] names, int[][] counts, int partitions) {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    // Rows of all groups interleaved, so no group is a run of the input.
    for (int round = 0; ; round++) {
      boolean any = false;
      for (int g = names.length - 1; g >= 0; g--) {
        int seen = 0;
        for (int c = 0; c < counts[g].length; c++) {
          if (round >= seen && round < seen + counts[g][c]) {
            rows.add(RowFactory.create(id++, names[g], (double) c));
            any = true;
          }
          seen += counts[g][c];
        }
      }
      if (!any) {
        break;
      }
    }
    return frame(rows).repartition(partitions);
  }

  static Stream<Splitter> splitters() {
    return Stream.of(new GroupKFold().setNumFolds(3).setGroupCol("group"),
        new StratifiedGroupKFold().setNumFolds(3).setGroupCol("group").setLabelCol("label"));
  }

  /** The groups each fold validates on, sorted, by fold. */
  private static List<List<String>> validationGroups(Folds folds) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < folds.numFolds(); i++) {
      out.add(folds.validation(i).select("group").distinct().orderBy("group")
          .as(Encoders.STRING()).collectAsList());
    }
    return out;
  }

  private static List<Integer> ids(Dataset<Row> rows) {
    return rows.select("id").orderBy("id").as(Encoders.INT()).collectAsList();
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void noGroupIsOnBothSidesOfAnyFoldAndEveryRowValidatesOnce(Splitter splitter) {
    try (Folds folds = splitter.split(skewed, 3)) {
      Dataset<Row> validated = null;
      for (Fold f : folds.folds()) {
        Dataset<Row> trainGroups = f.train().select("group").distinct();
        Dataset<Row> validationGroups = f.validation().select("group").distinct();
        assertEquals(0, trainGroups.join(validationGroups, "group").count(),
            "a group trains and validates in fold " + f.index());
        assertTrue(validationGroups.count() > 0, "fold " + f.index() + " validates on a group");
        assertEquals(SKEWED_ROWS, f.train().count() + f.validation().count());
        assertEquals(0, f.train().join(f.validation(), "id").count());
        Dataset<Row> ids = f.validation().select("id");
        validated = validated == null ? ids : validated.union(ids);
      }
      assertEquals(0, validated.groupBy("id").count().where("count <> 1").count(),
          "a row validates twice");
      assertEquals(SKEWED_ROWS, validated.distinct().count(), "a row never validates");
      assertEquals(List.of(skewed.columns()), List.of(folds.train(0, 1.0).columns()));
    }
  }

  @Test
  void groupsOfDatesBytesAndSignedZerosStayWhole() {
    Dataset<Row> data = skewed.withColumn("n", functions.col("id").mod(7))
        .withColumn("day", functions.date_add(functions.lit(java.sql.Date.valueOf(
            "2024-01-01")), functions.col("id").mod(5).cast("int")))
        .withColumn("bytes", functions.unhex(functions.concat(functions.lit("0"),
            functions.col("id").mod(4).cast("string"))))
        .withColumn("zero", functions.when(functions.col("id").mod(3).equalTo(0), -0.0)
            .when(functions.col("id").mod(3).equalTo(1), 0.0).otherwise(1.0));
    for (String column : List.of("n", "day", "bytes", "zero")) {
      try (Folds folds = new GroupKFold().setNumFolds(2).setGroupCol(column).split(data, 1)) {
        long validated = 0;
        for (Fold f : folds.folds()) {
          Dataset<Row> train = f.train().select(column).distinct();
          assertEquals(0, train.join(f.validation().select(column).distinct(), column).count(),
              column);
          validated += f.validation().count();
        }
        assertEquals(SKEWED_ROWS, validated, column);
        if (column.equals("zero")) {
          // -0.0 and 0.0 are one group, as Spark groups them: 222 rows against 110.
          assertEquals(List.of(110L, 222L), List.of(folds.validation(1).count(),
              folds.validation(0).count()));
        }
      }
    }
  }

  @Test
  void theAssignmentReachesTheRowsByABroadcastJoin() {
    SparkSession spark = SparkTestSession.get();
    spark.conf().set(FoldLayout.PARTITION_BYTES, "2000");
    try (Folds folds = new GroupKFold().setGroupCol("group").split(skewed, 1)) {
      String plan = folds.cached(0).queryExecution().executedPlan().toString();
      assertTrue(plan.contains("BroadcastHashJoin") && !plan.contains("SortMergeJoin"), plan);
      assertTrue(folds.cached(0).rdd().getNumPartitions() > 1, "several cached partitions");
    } finally {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
    }
  }

  @Test
  void groupKFoldPutsTheLargestGroupInTheFoldWithFewestRows() {
    // Sizes a 10, b 8, c 7, d 5, e 5, f 3, g 2 into 3 folds, rows per fold after each group:
    // a→0 [10,0,0], b→1 [10,8,0], c→2 [10,8,7], d→2 [10,8,12] (d before e: equal sizes go in
    // group order), e→1 [10,13,12], f→0 [13,13,12], g→2 [13,13,14].
    String[] names = {"a", "b", "c", "d", "e", "f", "g"};
    int[][] sizes = {{10}, {8}, {7}, {5}, {5}, {3}, {2}};
    try (Folds folds = new GroupKFold().setNumFolds(3).split(groups(names, sizes, 2), 1)) {
      assertEquals(List.of(List.of("a", "f"), List.of("b", "e"), List.of("c", "d", "g")),
          validationGroups(folds));
      long[] rows = new long[3];
      for (int i = 0; i < 3; i++) {
        rows[i] = folds.validation(i).count();
      }
      assertArrayEquals(new long[] {13, 13, 14}, rows);
    }
  }

  @Test
  void stratifiedGroupKFoldPutsEachGroupWhereTheClassSharesStayClosest() {
    // Groups (class 0, class 1): a (4, 0), b (0, 2), c (2, 2), d (1, 1); classes 7 and 5 rows.
    // By the spread of their counts: a (2), b (1), c (0), d (0). a→0 (all folds equal, fewest
    // rows, lowest index). b: fold 0 or 1 both give a mean std of shares of 0.243; fold 1 has
    // fewer rows. c: fold 0 gives (|6/7 - 0| + |2/5 - 2/5|) / 4 = 0.214, fold 1 gives
    // (|4/7 - 2/7| + |0 - 4/5|) / 4 = 0.271: fold 0. d: fold 0 gives (1 + 1/5) / 4 = 0.3, fold 1
    // (5/7 + 1/5) / 4 = 0.229: fold 1. GroupKFold, by size alone, gives {a, b} and {c, d}.
    String[] names = {"a", "b", "c", "d"};
    int[][] counts = {{4, 0}, {0, 2}, {2, 2}, {1, 1}};
    Dataset<Row> data = groups(names, counts, 2);
    try (Folds folds = new StratifiedGroupKFold().setNumFolds(2).split(data, 1)) {
      assertEquals(List.of(List.of("a", "c"), List.of("b", "d")), validationGroups(folds));
    }
    try (Folds folds = new GroupKFold().setNumFolds(2).split(data, 1)) {
      assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), validationGroups(folds));
    }
  }

  private static JsonNode fixture() throws IOException {
    try (InputStream in = GroupSplitTest.class
        .getResourceAsStream("/fixtures/sklearn_group_kfold.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static long[][] counts(JsonNode rows) {
    long[][] out = new long[rows.size()][];
    for (int g = 0; g < rows.size(); g++) {
      out[g] = new long[rows.get(g).size()];
      for (int c = 0; c < out[g].length; c++) {
        out[g][c] = rows.get(g).get(c).asLong();
      }
    }
    return out;
  }

  private static int[] ints(JsonNode values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).asInt();
    }
    return out;
  }

  @Test
  void theRulesGiveEveryGroupScikitLearnsFold() throws IOException {
    JsonNode fixture = fixture();
    int cases = 0;
    for (JsonNode c : fixture.path("stratifiedGroupKFold")) {
      assertArrayEquals(ints(c.path("folds")),
          GroupBalance.closestShares(counts(c.path("counts")), c.path("k").asInt()),
          c.toString());
      cases++;
    }
    for (JsonNode c : fixture.path("groupKFold")) {
      long[] sizes = new long[c.path("sizes").size()];
      for (int g = 0; g < sizes.length; g++) {
        sizes[g] = c.path("sizes").get(g).asLong();
      }
      assertArrayEquals(ints(c.path("folds")),
          GroupBalance.fewestRows(sizes, c.path("k").asInt()), c.toString());
      cases++;
    }
    assertEquals(60, cases);
  }

  @Test
  void aSplitOnSparkGivesEveryGroupScikitLearnsFold() throws IOException {
    JsonNode c = fixture().path("stratifiedGroupKFold").get(2);
    long[][] counts = counts(c.path("counts"));
    String[] names = new String[counts.length];
    int[][] rows = new int[counts.length][];
    for (int g = 0; g < counts.length; g++) {
      names[g] = String.format("g%02d", g);
      rows[g] = new int[counts[g].length];
      for (int k = 0; k < counts[g].length; k++) {
        rows[g][k] = (int) counts[g][k];
      }
    }
    int k = c.path("k").asInt();
    try (Folds folds = new StratifiedGroupKFold().setNumFolds(k)
        .split(groups(names, rows, 3), 5)) {
      List<List<String>> expected = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        expected.add(new ArrayList<>());
      }
      int[] sklearn = ints(c.path("folds"));
      for (int g = 0; g < names.length; g++) {
        expected.get(sklearn[g]).add(names[g]);
      }
      assertEquals(expected, validationGroups(folds));
    }
  }

  /** The largest distance of a fold's positive rate from the whole data's. */
  private static double worstPositiveRate(Folds folds) {
    double overall = 57.0 / SKEWED_ROWS;
    double worst = 0;
    for (Fold f : folds.folds()) {
      double rate = f.validation().agg(functions.avg("label")).first().getDouble(0);
      worst = Math.max(worst, Math.abs(rate - overall));
    }
    return worst;
  }

  @Test
  void stratifiedGroupKFoldKeepsClassRatesCloserThanGroupKFold() {
    double stratified;
    double plain;
    try (Folds folds = new StratifiedGroupKFold().setNumFolds(3).setGroupCol("group")
        .split(skewed, 1)) {
      stratified = worstPositiveRate(folds);
    }
    try (Folds folds = new GroupKFold().setNumFolds(3).setGroupCol("group").split(skewed, 1)) {
      plain = worstPositiveRate(folds);
    }
    // By the rules: 0.019 (rates 0.171, 0.153, 0.191) against 0.136 (0.297, 0.036, 0.182).
    assertTrue(stratified < 0.03, "stratified folds' positive rates off by " + stratified);
    assertTrue(plain > 0.1, "GroupKFold's positive rates off by only " + plain);
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void aDeclaredFractionIsANestedSubsampleOfEachTrainingSide(Splitter splitter) {
    double third = 1.0 / 3;
    try (Folds folds = splitter.split(skewed, 7, List.of(third))) {
      assertEquals(List.of(third), folds.fractions());
      for (int i = 0; i < folds.numFolds(); i++) {
        Dataset<Row> sample = folds.train(i, third);
        Dataset<Row> all = folds.train(i, 1.0);
        long n = all.count();
        assertEquals(sample.count(), sample.join(all, "id").count(), "nested in fold " + i);
        assertEquals(n / 3.0, sample.count(), 0.15 * n, "about a third in fold " + i);
        Dataset<Row> validating = folds.validation(i).select("group").distinct();
        assertEquals(0, sample.select("group").distinct().join(validating, "group").count());
        Dataset<Row> validationThird = folds.validation(i, third);
        assertEquals(validationThird.count(),
            validationThird.join(folds.validation(i), "id").count());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void theSeedDrawsTheFractionsAndLeavesTheFoldsAsTheyAre(Splitter splitter) {
    double third = 1.0 / 3;
    List<List<Integer>> validation = new ArrayList<>();
    List<Integer> sample;
    try (Folds folds = splitter.split(skewed, 7, List.of(third))) {
      for (int i = 0; i < 3; i++) {
        validation.add(ids(folds.validation(i)));
      }
      sample = ids(folds.train(0, third));
    }
    try (Folds folds = splitter.split(skewed, 7, List.of(third))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(validation.get(i), ids(folds.validation(i)), "same seed, fold " + i);
      }
      assertEquals(sample, ids(folds.train(0, third)), "same seed, same fraction");
    }
    try (Folds folds = splitter.split(skewed.repartition(2), 8, List.of(third))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(validation.get(i), ids(folds.validation(i)),
            "another seed and other partitions, fold " + i);
      }
      assertNotEquals(sample, ids(folds.train(0, third)), "another seed, another fraction");
    }
  }

  @Test
  void aSearchWithGroupKFoldScoresTheGroupFoldsAsCrossValidatorDoes() {
    Dataset<Row> data = TestData.adultNumeric(3000).cache();
    data.count();
    LogisticRegression lr = new LogisticRegression().setMaxIter(20);
    GroupKFold splitter = new GroupKFold().setNumFolds(3).setGroupCol("education");
    TunedModel model = new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(lr.regParam(), 0.01, 0.1))
        .setSampler(new GridSampler()).setSplitter(splitter).setSeed(3).fit(data);
    assertEquals(2, model.trialList().size());
    model.trialList().forEach(t -> assertEquals(TrialState.COMPLETE, t.state()));
    assertTrue(model.provenance().get("splitter").contains("groupKFold"),
        model.provenance().toString());
    assertEquals(3000, model.transform(data).count());

    // The same folds, by education, as a fold column for CrossValidator.
    Map<String, Integer> foldOf = new HashMap<>();
    try (Folds folds = splitter.split(data, 3)) {
      for (int i = 0; i < 3; i++) {
        for (String education : folds.validation(i).select("education").distinct()
            .as(Encoders.STRING()).collectAsList()) {
          assertNull(foldOf.put(education, i), education + " is in two folds");
        }
      }
    }
    List<Row> pairs = new ArrayList<>();
    foldOf.forEach((education, fold) -> pairs.add(RowFactory.create(education, fold)));
    Dataset<Row> withFold = data.join(functions.broadcast(SparkTestSession.get()
        .createDataFrame(pairs, new StructType().add("education", DataTypes.StringType)
            .add("fold", DataTypes.IntegerType))), "education");
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.01, 0.1})
        .build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid)
        .setEvaluator(new BinaryClassificationEvaluator()).setFoldCol("fold").fit(withFold);
    Map<Double, Double> ours = new HashMap<>();
    model.trialList().forEach(t -> ours.put(((Number) t.params().get("regParam")).doubleValue(),
        t.value()));
    for (int i = 0; i < grid.length; i++) {
      assertEquals(cv.avgMetrics()[i], ours.get(grid[i].apply(lr.regParam())), 1e-6);
    }
    data.unpersist();
  }
}
