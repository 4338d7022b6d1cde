package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.testing.CacheReads;
import org.sparktune.testing.SparkTestSession;

/**
 * The one cache of a split, as Spark reads it: one fold per partition, sorted by u, so that
 * the cached batches' statistics skip what a read does not need. Rows read are Spark's own
 * "number of output rows" of the in-memory table scan: the rows of the batches it did not skip.
 */
class FoldLayoutTest {

  private static final long ROWS = 270_000;
  private static final int BATCH = 500;
  private static final double F = 1.0 / 27;

  private static Folds folds;

  /** Several partitions per fold and small batches, so skipping is visible at this size. */
  @BeforeAll
  static void split() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.range(0, ROWS, 1, 4).toDF("id")
        .withColumn("label", functions.col("id").mod(10).equalTo(0).cast("double"))
        .withColumn("x", functions.rand(7));
    spark.conf().set("spark.sql.inMemoryColumnarStorage.batchSize", Integer.toString(BATCH));
    spark.conf().set(FoldLayout.PARTITION_BYTES, "2000000");
    try {
      folds = new StratifiedKFold().setNumFolds(3).split(data, 11);
    } finally {
      spark.conf().unset("spark.sql.inMemoryColumnarStorage.batchSize");
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
    }
  }

  @AfterAll
  static void close() {
    folds.close();
  }

  static Stream<Splitter> splitters() {
    return Stream.of(new KFold().setNumFolds(3),
        new StratifiedKFold().setNumFolds(3).setLabelCol("label"),
        new Holdout().setValidationRatio(0.3).setLabelCol("label"),
        new FoldColumn().setFoldCol("fold").setNumFolds(3));
  }

  /** Per cached partition: [its fold id, or -1 when it mixes folds; 1 when sorted by u]. */
  private static List<int[]> partitions(Folds f) {
    Dataset<Row> cached = f.cached();
    int foldIndex = List.of(cached.columns()).indexOf(Folds.FOLD);
    int uIndex = List.of(cached.columns()).indexOf(Folds.U);
    MapPartitionsFunction<Row, int[]> describe = rows -> {
      int fold = Integer.MIN_VALUE;
      boolean sorted = true;
      double last = -1;
      while (rows.hasNext()) {
        Row r = rows.next();
        fold = fold == Integer.MIN_VALUE || fold == r.getInt(foldIndex) ? r.getInt(foldIndex) : -1;
        sorted &= r.getDouble(uIndex) >= last;
        last = r.getDouble(uIndex);
      }
      return List.of(new int[] {fold, sorted ? 1 : 0}).iterator();
    };
    return cached.mapPartitions(describe, Encoders.javaSerialization(int[].class))
        .collectAsList();
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void everyCachedPartitionHoldsOneFoldSortedByU(Splitter splitter) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.range(0, 6000, 1, 3).toDF("id")
        .withColumn("label", functions.col("id").mod(4).equalTo(0).cast("double"))
        .withColumn("fold", functions.col("id").mod(3).cast("int"));
    spark.conf().set(FoldLayout.PARTITION_BYTES, "20000");
    try (Folds f = splitter.split(data, 3)) {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
      List<int[]> parts = partitions(f);
      assertTrue(parts.size() > 3 * 2, "several partitions per fold: " + parts.size());
      for (int[] p : parts) {
        assertTrue(p[0] >= 0, "a partition mixes folds");
        assertEquals(1, p[1], "a partition is not sorted by u");
      }
    } finally {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
    }
  }

  @Test
  void partitionsAreSizedByBytesNotCoalesced() {
    long partitions = folds.cached().rdd().getNumPartitions();
    // ~36 bytes a row cached: ~9.7 MB in partitions of 2 MB, at least one per fold.
    assertTrue(partitions >= 5 && partitions <= 9, "partitions: " + partitions);
  }

  @Test
  void validationReadsOnlyItsFoldsBatches() {
    for (int i = 0; i < 3; i++) {
      Dataset<Row> validation = folds.validation(i);
      assertEquals(ROWS / 3, CacheReads.rowsRead(validation), "fold " + i);
    }
  }

  @Test
  void trainingReadsOnlyTheOtherFoldsBatches() {
    for (int i = 0; i < 3; i++) {
      assertEquals(ROWS - ROWS / 3, CacheReads.rowsRead(folds.train(i, 1.0)), "fold " + i);
    }
  }

  @Test
  void trainingAtOneTwentySeventhReadsAboutThatFractionOfTheCachedRows() {
    long partitions = folds.cached().rdd().getNumPartitions();
    for (int i = 0; i < 3; i++) {
      long read = CacheReads.rowsRead(folds.train(i, F));
      double share = F * (ROWS - ROWS / 3);
      assertTrue(read <= 1.2 * share + partitions * BATCH,
          "fold " + i + " read " + read + " rows of " + ROWS + " for " + share + " wanted");
    }
  }
}
