package org.sparktune.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.split.Fold;
import org.sparktune.split.Folds;
import org.sparktune.split.KFold;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.testing.CacheReads;
import org.sparktune.testing.SparkTestSession;

/** Prepared folds read the one cache of the split through the prefix, and cache nothing. */
class PreparedFoldsTest {

  /** The fractions the splits here declare. */
  private static final List<Double> FRACTIONS = List.of(0.01, 0.1, 1.0 / 9, 1.0 / 3, 0.5);

  private static Dataset<Row> data;
  private static LogisticRegression lr;
  private static PipelinePlan plan;
  private static Folds folds;
  private static PreparedFolds prepared;

  @BeforeAll
  static void data() {
    data = SparkTestSession.get().range(0, 3000, 1, 4).toDF("id")
        .withColumn("x", functions.rand(1))
        .withColumn("kind", functions.col("id").mod(3).cast("string"))
        .withColumn("label", functions.col("x").gt(0.6).cast("double"));
    lr = new LogisticRegression().setMaxIter(5);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol("kind").setOutputCol("kindIndex"),
        new VectorAssembler().setInputCols(new String[] {"x", "kindIndex"})
            .setOutputCol("features"),
        lr});
    plan = PipelinePlan.of(pipeline, Set.of(lr.uid()));
    folds = new StratifiedKFold().setNumFolds(3).split(data, 1, FRACTIONS);
    prepared = PreparedFolds.prepare(folds, plan, 2, 1);
  }

  @AfterAll
  static void close() {
    prepared.close();
    folds.close();
  }

  @Test
  void oneCachedRelationPerFoldIdWhileTheStudyRunsAndNoneAfterClose() {
    int before = CacheReads.persistentRdds();
    try (Folds own = new StratifiedKFold().setNumFolds(3).split(data, 2, FRACTIONS);
        PreparedFolds ownPrepared = PreparedFolds.prepare(own, plan, 2, 1)) {
      assertEquals(before + 3, CacheReads.persistentRdds(), "split and prepare");
      plan.rest().fit(ownPrepared.train(0, 1.0 / 3));
      ownPrepared.validation(0).count();
      assertEquals(before + 3, CacheReads.persistentRdds(), "after a trial's fit");
    }
    assertEquals(before, CacheReads.persistentRdds(), "after close");
  }

  @Test
  void prefixIsFittedOncePerFoldAndAppliedToEveryRead() {
    assertEquals(3, prepared.prefixFits());
    assertEquals(3, prepared.numFolds());
    for (int i = 0; i < 3; i++) {
      assertTrue(List.of(prepared.train(i, 0.5).columns()).contains("features"));
      assertTrue(List.of(prepared.validation(i).columns()).contains("features"));
      assertEquals(3000, prepared.train(i, 1.0).count() + prepared.validation(i).count());
      assertEquals(folds.train(i, 0.5).count(), prepared.train(i, 0.5).count());
    }
    List<Fold> atOne = prepared.folds();
    assertEquals(3, atOne.size());
    assertEquals(prepared.train(2, 1.0).count(), atOne.get(2).train().count());
  }

  @Test
  void readsAreCoalescedAndStillSkipTheBatchesTheyDoNotNeed() {
    SparkSession spark = SparkTestSession.get();
    spark.conf().set("spark.sql.inMemoryColumnarStorage.batchSize", "100");
    spark.conf().set("spark.sparktune.split.partitionBytes", "20000");
    Folds laidOut;
    try {
      laidOut = new KFold().setNumFolds(3).split(data, 1, FRACTIONS);
    } finally {
      spark.conf().unset("spark.sql.inMemoryColumnarStorage.batchSize");
      spark.conf().unset("spark.sparktune.split.partitionBytes");
    }
    try (laidOut; PreparedFolds coalesced = PreparedFolds.prepare(laidOut, plan, 2, 1)) {
      Dataset<Row> train = coalesced.train(0, 1.0 / 9);
      assertTrue(laidOut.train(0, 1.0 / 9).rdd().getNumPartitions() > 2);
      assertEquals(2, train.rdd().getNumPartitions());
      long read = CacheReads.rowsRead(train);
      assertEquals(CacheReads.rowsRead(laidOut.train(0, 1.0 / 9)), read);
      assertTrue(read < 2000 / 3, "rows read: " + read);
      assertEquals(1000, CacheReads.rowsRead(coalesced.validation(0)));
    }
  }

  @Test
  void aReadGetsAsManyPartitionsAsItsCachedBytesCallForUpToTheCap() {
    long bytes = folds.cachedBytes();
    assertTrue(bytes > 0, "cached bytes: " + bytes);
    // One task per half of the cache: a full training side (2/3 of the rows) needs two, a
    // ninth of it one, and no read gets more than the cap of 2.
    PreparedFolds halves = PreparedFolds.prepare(folds, plan, 2, bytes / 2);
    assertEquals(2, halves.train(0, 1.0).rdd().getNumPartitions());
    assertEquals(1, halves.train(0, 1.0 / 9).rdd().getNumPartitions());
    assertEquals(1, halves.validation(0).rdd().getNumPartitions());
    PreparedFolds whole = PreparedFolds.prepare(folds, plan, 2, bytes * 2);
    assertEquals(1, whole.train(1, 1.0).rdd().getNumPartitions());
    assertEquals(prepared.train(1, 1.0).count(), whole.train(1, 1.0).count());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PreparedFolds.prepare(folds, plan, 2, 0));
    assertEquals("bytesPerTask is 0; pass the bytes of a read task, at least 1.", e.getMessage());
  }

  @Test
  void aFoldThatDoesNotExistFailsNamingTheFolds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> prepared.train(3, 0.5));
    assertEquals("fold 3 does not exist: this split has 3 fold(s), numbered 0 to 2; pass a fold"
        + " index in that range.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PreparedFolds.prepare(folds, plan, 0, 1));
    assertEquals("partitions is 0; a read needs at least 1 partition: pass the cores a trial"
        + " may use, at least 1.", e.getMessage());
  }

  @Test
  void validationAtAFractionIsANestedStratifiedSubsampleOfTheFold() {
    long all = prepared.validationRows(0);
    assertEquals(folds.validation(0).count(), all);
    Dataset<Row> tenth = folds.validation(0, 0.1);
    Dataset<Row> half = folds.validation(0, 0.5);
    long n = tenth.count();
    assertTrue(Math.abs(n - 0.1 * all) <= 2, n + " rows at 0.1 of " + all);
    assertEquals(0, tenth.select("id").except(half.select("id")).count());
    long positives = tenth.where("label = 1").count();
    long allPositives = folds.validation(0).where("label = 1").count();
    assertTrue(Math.abs(positives - 0.1 * allPositives) <= 1, positives + " of " + allPositives);
  }

  @Test
  void aSmallRungIsScoredOnTheSameFractionOfValidationRowsWithAFloorRoundedUpToADeclaredOne() {
    long rows = prepared.validationRows(0);
    FoldEvaluation floorOf300 = new FoldEvaluation(SparkTestSession.get().sparkContext(),
        prepared, plan, new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator(),
        t -> null, "t", null, 0, 300);
    assertEquals(FRACTIONS, prepared.fractions());
    assertEquals(1.0, floorOf300.validationFraction(0, 1.0));
    assertEquals(0.5, floorOf300.validationFraction(0, 0.5));
    assertEquals(1000, rows);
    // 300 of 1000 rows is 0.3: rounded up to 1/3, the smallest declared fraction at or above.
    assertEquals(1.0 / 3, floorOf300.validationFraction(0, 0.01));
    assertEquals(1.0 / 3, floorOf300.validationFraction(0, 0.1));
    FoldEvaluation floorOf600 = new FoldEvaluation(SparkTestSession.get().sparkContext(),
        prepared, plan, new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator(),
        t -> null, "t", null, 0, 600);
    assertEquals(1.0, floorOf600.validationFraction(0, 0.1), "no declared fraction reaches 0.6");
    FoldEvaluation floorAboveTheFold = new FoldEvaluation(SparkTestSession.get()
        .sparkContext(), prepared, plan,
        new org.apache.spark.ml.evaluation.BinaryClassificationEvaluator(), t -> null, "t",
        null, 0, rows + 1);
    assertEquals(1.0, floorAboveTheFold.validationFraction(0, 0.01));
    assertEquals(folds.validation(0, 1.0 / 3).count(),
        prepared.validation(0, floorOf300.validationFraction(0, 0.01)).count(),
        "the rounded fraction can be read");
  }
}
