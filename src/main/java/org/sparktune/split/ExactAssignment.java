package org.sparktune.split;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Gives every row a fold id so that each class is spread over the folds exactly, and a
 * stratified uniform {@code u} from which it takes its level among the declared fractions
 * ({@link Levels}), in O(n) and without collecting rows or grouping a class into one partition.
 *
 * <p>The input is cached (unless the caller cached it) so that its two passes see the same
 * partitions. The (partition, class) row counts — a few numbers — are collected ({@link
 * ClassCounts}); from them every (partition, class) gets the start of its block in a running index
 * that counts the rows of each class in turn, class after class. Rows get a seeded hash key, a
 * seeded hash uniform and their place in the input ({@code monotonically_increasing_id()}),
 * computed from the row and its partition (not cached), and each partition is sorted by (class,
 * key) with Spark's spilling sort and walked once ({@link StratifiedWalk}): the i-th row of the
 * running index gets fold
 * {@code rule.fold(i)}. With {@code i mod k} each class lands in every fold within one row of its
 * share, and fold sizes within one row of each other, as scikit-learn's StratifiedKFold does;
 * the hash key shuffles rows within a partition. The walk also gives each row its cached
 * partition ({@link Placement}) and gathers the least {@code u} of each (class, fold id) ({@link
 * LeastUniforms}); {@code u} is not cached.
 *
 * <p>Caching: the input is cached while its counts are taken and while it is walked straight
 * into the shuffles of {@link FoldLayout}, one per fold id, and released as soon as the
 * relations are cached: at most the input and the relations are cached at once, and the
 * relations alone are left when this returns. The walk runs once per fold id; {@link
 * LeastUniforms} keeps minima, which the repeated walks leave as one walk would.
 */
final class ExactAssignment {

  private static final double TWO_53 = 9007199254740992.0;

  private ExactAssignment() {}

  /**
   * The cached relations, by fold id, and the least {@code u} of each (class, fold id), read
   * once the relations are materialised.
   */
  record Layout(List<Dataset<Row>> relations, LeastUniforms least) {}

  /**
   * The input with seeded {@link Folds#KEY} and {@link Folds#U} (a hash uniform) columns, and
   * {@link Folds#ORDER}, the row's place in the input.
   */
  static Dataset<Row> tag(Dataset<Row> data, long seed) {
    Column[] cols = new Column[data.columns().length + 1];
    System.arraycopy(ColumnNames.cols(data.columns()), 0, cols, 0, cols.length - 1);
    cols[cols.length - 1] = functions.lit(seed);
    Column key = functions.xxhash64(cols);
    cols[cols.length - 1] = functions.lit(seed ^ 0x5DEECE66DL);
    Column u = functions.pmod(functions.xxhash64(cols), functions.lit((long) TWO_53))
        .cast(DataTypes.DoubleType).divide(TWO_53);
    return data.withColumn(Folds.KEY, key).withColumn(Folds.U, u)
        .withColumn(Folds.ORDER, functions.monotonically_increasing_id());
  }

  /**
   * Assigns fold ids and levels to {@code data} and returns them laid out and cached by {@link
   * FoldLayout}, one relation per fold id: the input's columns and {@link Folds#LEVEL}.
   *
   * @param labelCol the class column, or null for one class
   * @param check throws when the class and fold sizes cannot make a useful split
   * @param levels the fractions the split serves
   */
  static Layout assign(Dataset<Row> data, String labelCol, long seed, AssignmentRule rule,
      Consumer<ClassCounts> check, Levels levels) {
    long target = FoldLayout.partitionBytes(data.sparkSession());
    return withInputCached(data, input -> {
      Column label = labelCol == null ? functions.lit(0) : ColumnNames.col(labelCol);
      List<Row> counted = input.groupBy(functions.spark_partition_id().as("p"), label.as("c"))
          .count().collectAsList();
      ClassCounts counts = ClassCounts.of(counted, labelCol, rule);
      check.accept(counts);
      Placement placement = Placement.of(counts.partitionFoldRows(), rule.foldIds(),
          FoldLayout.layoutBytes(input, counts.rows()), target);
      LeastUniforms least = new LeastUniforms(counts.classes(), rule.foldIds());
      data.sparkSession().sparkContext().register(least);
      Dataset<Row> tagged = tag(input, seed);
      List<String> columns = List.of(tagged.columns());
      Dataset<Row> sorted = labelCol == null ? tagged.sortWithinPartitions(Folds.KEY)
          : tagged.sortWithinPartitions(label, functions.col(Folds.KEY));
      Dataset<Row> walked = sorted.mapPartitions(new StratifiedWalk(counts, seed,
          labelCol == null ? -1 : columns.indexOf(labelCol), columns.indexOf(Folds.U),
          columns.indexOf(Folds.ORDER), data.columns().length, levels, placement, least),
          Encoders.row(FoldLayout.placedSchema(data.schema())));
      return new Layout(FoldLayout.cache(walked, placement, levels), least);
    });
  }

  /**
   * Runs {@code split} on {@code data} cached, so that its passes see the same partitions and
   * rows: the caller's cache when {@code data} is cached already, else one of its own, released
   * (blocking) before this returns.
   */
  static <T> T withInputCached(Dataset<Row> data, Function<Dataset<Row>, T> split) {
    boolean own = data.storageLevel().equals(StorageLevel.NONE());
    Dataset<Row> input = own ? data.persist(StorageLevel.MEMORY_AND_DISK()) : data;
    try {
      return split.apply(input);
    } finally {
      if (own) {
        input.unpersist(true);
      }
    }
  }
}
