package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * The cache of a split, as Spark reads it: one cached relation per fold id, each partition a
 * stretch of the input sorted by (level, input position), so that the cached batches'
 * statistics skip what a read does not need. Rows read are Spark's own "number of output rows"
 * of the in-memory table scans: the rows of the batches they did not skip.
 */
class FoldLayoutTest {

  private static final long ROWS = 270_000;
  private static final int BATCH = 500;
  private static final double F = 1.0 / 27;
  private static final List<Double> FRACTIONS = List.of(1.0 / 27, 1.0 / 9, 1.0 / 3);

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
      folds = new StratifiedKFold().setNumFolds(3).split(data, 11, FRACTIONS);
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
        new FoldColumn().setFoldCol("fold").setNumFolds(3),
        new GroupKFold().setGroupCol("id").setNumFolds(3),
        new StratifiedGroupKFold().setGroupCol("id").setLabelCol("label").setNumFolds(3));
  }

  /**
   * Per cached partition: [its relation's fold id; 1 when sorted by (level, id); its least id;
   * its greatest id; its rows]. The inputs' ids are their input positions.
   */
  private static List<long[]> partitions(Folds f) {
    List<long[]> out = new ArrayList<>();
    for (int j = 0; j < f.foldIds(); j++) {
      Dataset<Row> cached = f.cached(j);
      List<String> columns = List.of(cached.columns());
      assertTrue(!columns.contains(Folds.FOLD), "no fold id column is cached: " + columns);
      int levelIndex = columns.indexOf(Folds.LEVEL);
      int idIndex = columns.indexOf("id");
      long fold = j;
      MapPartitionsFunction<Row, long[]> describe = rows -> {
        boolean sorted = true;
        long level = -1;
        long id = -1;
        long least = Long.MAX_VALUE;
        long greatest = Long.MIN_VALUE;
        long count = 0;
        while (rows.hasNext()) {
          Row r = rows.next();
          long l = levelIndex < 0 ? 0 : r.getInt(levelIndex);
          long i = r.getLong(idIndex);
          sorted &= l > level || (l == level && i > id);
          level = l;
          id = i;
          least = Math.min(least, i);
          greatest = Math.max(greatest, i);
          count++;
        }
        return List.of(new long[] {fold, sorted ? 1 : 0, least, greatest, count}).iterator();
      };
      out.addAll(cached.mapPartitions(describe, Encoders.javaSerialization(long[].class))
          .collectAsList());
    }
    return out;
  }

  /** The rows of each partition of {@code data}. */
  private static List<Long> rowsPerPartition(Dataset<Row> data) {
    MapPartitionsFunction<Row, Long> count = rows -> {
      long n = 0;
      while (rows.hasNext()) {
        rows.next();
        n++;
      }
      return List.of(n).iterator();
    };
    return data.mapPartitions(count, Encoders.LONG()).collectAsList();
  }

  private static int cachedPartitions(Folds f) {
    int partitions = 0;
    for (int j = 0; j < f.foldIds(); j++) {
      partitions += f.cached(j).rdd().getNumPartitions();
    }
    return partitions;
  }

  @ParameterizedTest
  @MethodSource("splitters")
  void everyCachedPartitionIsAStretchOfItsFoldIdSortedByLevelThenPosition(
      Splitter splitter) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.range(0, 6000, 1, 3).toDF("id")
        .withColumn("label", functions.col("id").mod(4).equalTo(0).cast("double"))
        .withColumn("fold", functions.col("id").mod(3).cast("int"));
    spark.conf().set(FoldLayout.PARTITION_BYTES, "20000");
    try (Folds f = splitter.split(data, 3, FRACTIONS)) {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
      List<long[]> parts = partitions(f);
      assertTrue(parts.size() > 3 * 2, "several partitions per fold: " + parts.size());
      assertEquals(splitter instanceof Holdout ? 2 : 3, f.foldIds());
      for (int j = 0; j < f.foldIds(); j++) {
        assertEquals(splitter instanceof FoldColumn,
            !List.of(f.cached(j).columns()).contains("fold"), "FoldColumn drops its column");
      }
      Map<Long, List<long[]>> byFold = new TreeMap<>();
      for (long[] p : parts) {
        assertEquals(1, p[1], "a partition is not sorted by (level, input position)");
        byFold.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p);
      }
      for (List<long[]> fold : byFold.values()) {
        fold.sort(Comparator.comparingLong(p -> p[2]));
        long least = Long.MAX_VALUE;
        long most = 0;
        for (int i = 0; i < fold.size(); i++) {
          assertTrue(i == 0 || fold.get(i)[2] > fold.get(i - 1)[3],
              "the partitions of a fold overlap in the input");
          least = Math.min(least, fold.get(i)[4]);
          most = Math.max(most, fold.get(i)[4]);
        }
        assertTrue(most <= 1.1 * least, "unbalanced partitions: " + least + " to " + most);
      }
    } finally {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
    }
  }

  @Test
  void partitionsAreSizedByBytesNotCoalesced() {
    long partitions = cachedPartitions(folds);
    // ~32 bytes a row as Spark measures it: ~8.6 MB in partitions of 2 MB, two per fold.
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
  void aTrainingReadHasTheOtherFoldIdsPartitionsNoneEmpty() {
    for (int i = 0; i < 3; i++) {
      List<Long> rows = rowsPerPartition(folds.train(i, 1.0));
      assertEquals(cachedPartitions(folds) - folds.cached(i).rdd().getNumPartitions(),
          rows.size(), "fold " + i);
      assertTrue(rows.stream().allMatch(n -> n > 0), "fold " + i + ": " + rows);
      assertTrue(rowsPerPartition(folds.validation(i)).stream().allMatch(n -> n > 0));
    }
  }

  @Test
  void trainingAtOneTwentySeventhReadsAboutThatFractionOfTheCachedRows() {
    for (int i = 0; i < 3; i++) {
      long partitions = folds.train(i, F).rdd().getNumPartitions();
      long read = CacheReads.rowsRead(folds.train(i, F));
      double share = F * (ROWS - ROWS / 3);
      assertTrue(read <= 1.2 * share + partitions * BATCH,
          "fold " + i + " read " + read + " rows of " + ROWS + " for " + share + " wanted");
    }
  }
  /**
   * With the default partition target a small split has one partition per fold id, each
   * rebuilt from its rows so that a union keeps them apart: its batches' statistics still let
   * a read at 1/27 skip all but about that fraction of them.
   */
  @Test
  void aSinglePartitionRelationStillSkipsBatchesAtOneTwentySeventh() {
    SparkSession spark = SparkTestSession.get();
    long rows = 54_000;
    Dataset<Row> data = spark.range(0, rows, 1, 2).toDF("id")
        .withColumn("label", functions.col("id").mod(10).equalTo(0).cast("double"));
    spark.conf().set("spark.sql.inMemoryColumnarStorage.batchSize", Integer.toString(BATCH));
    Folds small;
    try {
      small = new StratifiedKFold().setNumFolds(3).split(data, 5, FRACTIONS);
    } finally {
      spark.conf().unset("spark.sql.inMemoryColumnarStorage.batchSize");
    }
    try {
      for (int j = 0; j < 3; j++) {
        assertEquals(1, small.cached(j).rdd().getNumPartitions(), "fold id " + j);
      }
      for (int i = 0; i < 3; i++) {
        Dataset<Row> train = small.train(i, F);
        assertEquals(2, train.rdd().getNumPartitions(), "fold " + i + " reads two relations");
        long read = CacheReads.rowsRead(train);
        double share = F * (rows - rows / 3);
        assertTrue(read <= 1.2 * share + 2 * BATCH,
            "fold " + i + " read " + read + " rows of " + rows + " for " + share + " wanted");
      }
    } finally {
      small.close();
    }
  }
}
