package org.sparktune.split;

import java.math.BigInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Lays out and caches the one copy of the data a study reads: the input's columns, each row's
 * fold id ({@link Folds#FOLD}) and level ({@link Folds#LEVEL}, see {@link Levels}; left out when
 * no fraction below 1 was declared, as it would be 0 everywhere). Each cached
 * partition holds rows of one fold id only, sorted by (level, position in the input), so that
 * the statistics Spark keeps for every cached column batch ({@code
 * spark.sql.inMemoryColumnarStorage.batchSize} rows, with the least and greatest value of each
 * column) let a filtered read skip what it does not need: a read of fold {@code i} ({@code fold
 * = i}) touches fold i's batches only, a read of declared fraction {@code f_r} ({@code level <=
 * r}) about {@code f_r} of each partition's batches plus one at the boundary.
 *
 * <p>Within a level the rows keep their input order, and a partition is one contiguous stretch
 * of the input ({@link Placement}), so a column that compresses in input order (a sequential
 * id, runs of a string or an int) compresses about as well here; the fold id and the level are
 * one run each per batch or so, and compress to almost nothing. The row's place in the input
 * ({@link Folds#ORDER}) and its cached partition ({@link Folds#PART}) are used to lay it out and
 * are not cached.
 *
 * <p>Partitions are sized by bytes. Fold id {@code j} with {@code n_j} of the {@code n} rows
 * gets {@code max(1, ceil(B × n_j / n / T))} partitions, where {@code B} is the in-memory size
 * of the input as Spark measured it while caching it, plus 8 bytes a row for the fold id and the
 * level as Spark's measure counts two ints, and {@code T} is the target, {@value
 * #DEFAULT_PARTITION_BYTES} bytes (64 MiB) unless the Spark conf {@value #PARTITION_BYTES} gives
 * another number of bytes. One shuffle ({@code repartitionById}) puts each row in place.
 *
 * <p>A read at fraction {@code f} can skip batches only when a partition holds many of them:
 * with the default target and batch size that is a few dozen batches for rows of ~100 bytes.
 */
final class FoldLayout {

  /** Spark conf key: target bytes per cached partition. */
  static final String PARTITION_BYTES = "spark.sparktune.split.partitionBytes";
  /** Default target bytes per cached partition: 64 MiB. */
  static final long DEFAULT_PARTITION_BYTES = 67108864L;

  private FoldLayout() {}

  /**
   * The rows a walk hands to {@link #cache}: the input's columns, then {@link Folds#FOLD},
   * {@link Folds#LEVEL}, {@link Folds#PART} and {@link Folds#ORDER}.
   */
  static StructType placedSchema(StructType input) {
    return input.add(Folds.FOLD, DataTypes.IntegerType, false)
        .add(Folds.LEVEL, DataTypes.IntegerType, false)
        .add(Folds.PART, DataTypes.IntegerType, false)
        .add(Folds.ORDER, DataTypes.LongType, false);
  }

  /** The first {@code width} values of {@code row} and the four of {@link #placedSchema}. */
  static Row placed(Row row, int width, int fold, int level, int part, long order) {
    Object[] values = new Object[width + 4];
    for (int i = 0; i < width; i++) {
      values[i] = row.get(i);
    }
    values[width] = fold;
    values[width + 1] = level;
    values[width + 2] = part;
    values[width + 3] = order;
    return RowFactory.create(values);
  }

  /**
   * Lays out {@code rows}, caches the layout and materialises it; on failure nothing of it stays
   * cached.
   *
   * @param rows rows of {@link #placedSchema}; read once
   * @param partitions how many cached partitions, from {@link Placement#partitions}
   * @param levels the declared fractions; with none, the level (0 everywhere) is not cached
   */
  static Dataset<Row> cache(Dataset<Row> rows, int partitions, Levels levels) {
    return cache(rows, partitions, levels, true);
  }

  /**
   * As above; without {@code keepFoldId} the fold id is left out of the cache, for a split whose
   * input holds the fold ids already ({@link FoldColumn}).
   */
  static Dataset<Row> cache(Dataset<Row> rows, int partitions, Levels levels,
      boolean keepFoldId) {
    Dataset<Row> sorted = rows.repartitionById(partitions, functions.col(Folds.PART))
        .sortWithinPartitions(Folds.LEVEL, Folds.ORDER).drop(Folds.PART, Folds.ORDER);
    if (!keepFoldId) {
      sorted = sorted.drop(Folds.FOLD);
    }
    Dataset<Row> layout = (levels.isEmpty() ? sorted.drop(Folds.LEVEL) : sorted)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      layout.count();
      return layout;
    } catch (RuntimeException e) {
      layout.unpersist(true);
      throw e;
    }
  }

  /**
   * The bytes of the layout of {@code input}: Spark's measure of the cached input (or a guess
   * from its schema when it has none) and 8 bytes a row for the fold id and the level.
   */
  static double layoutBytes(Dataset<Row> input, long rows) {
    BigInteger measured = input.select(ColumnNames.cols(input.columns())).queryExecution()
        .optimizedPlan().stats().sizeInBytes().bigInteger();
    double bytes = measured.signum() > 0 && measured.bitLength() < 62 ? measured.doubleValue()
        : (double) rows * input.schema().defaultSize();
    return bytes + 8.0 * rows;
  }

  /** The target bytes per cached partition; throws when the conf is not a positive number. */
  static long partitionBytes(SparkSession spark) {
    String value = spark.conf().get(PARTITION_BYTES, Long.toString(DEFAULT_PARTITION_BYTES));
    try {
      long bytes = Long.parseLong(value.trim());
      if (bytes > 0) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw SplitErrors.partitionBytes(PARTITION_BYTES, value);
  }
}
