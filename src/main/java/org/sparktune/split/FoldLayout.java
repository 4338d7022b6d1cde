package org.sparktune.split;

import java.math.BigInteger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Lays out and caches the one copy of the data a study reads: each cached partition holds rows
 * of one fold id only, sorted by {@code u} ascending, so that the statistics Spark keeps for
 * every cached column batch ({@code spark.sql.inMemoryColumnarStorage.batchSize} rows, with the
 * least and greatest value of each column) let a filtered read skip what it does not need: a
 * read of fold {@code i} ({@code fold = i}) touches fold i's batches only, a read of
 * {@code u < f} about {@code f} of each partition's batches plus one at the boundary.
 *
 * <p>Partitions are sized by bytes. Fold id {@code j} with {@code n_j} of the {@code n} rows
 * gets {@code max(1, ceil(B × n_j / n / T))} partitions, where {@code B} is the in-memory size
 * of the input as Spark measured it while caching it, plus 12 bytes a row for the fold id and
 * {@code u}, and {@code T} is the target, {@value #DEFAULT_PARTITION_BYTES} bytes (64 MiB)
 * unless the Spark conf {@value #PARTITION_BYTES} gives another number of bytes. Fold j owns a run
 * of partition ids of its own, and its rows are spread over them by a hash of {@code u}, so every
 * partition holds the whole range of {@code u}; one shuffle ({@code repartitionById}) puts each row
 * in place.
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
   * Lays out {@code rows}, caches the layout and materialises it; on failure nothing of it stays
   * cached.
   *
   * @param rows the input's columns, {@link Folds#FOLD} and {@link Folds#U}; read once
   * @param bytes the in-memory size of the rows, from {@link #layoutBytes}
   * @param foldRows rows with each fold id
   * @param target bytes per cached partition, from {@link #partitionBytes}
   */
  static Dataset<Row> cache(Dataset<Row> rows, double bytes, long[] foldRows, long target) {
    long all = 0;
    for (long r : foldRows) {
      all += r;
    }
    Column[] offsets = new Column[foldRows.length];
    Column[] counts = new Column[foldRows.length];
    int next = 0;
    for (int j = 0; j < foldRows.length; j++) {
      int partitions = foldRows[j] == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE / 2,
          Math.max(1, (long) Math.ceil(bytes * foldRows[j] / all / target)));
      offsets[j] = functions.lit(next);
      counts[j] = functions.lit(partitions);
      next += partitions;
    }
    Column fold = functions.col(Folds.FOLD).plus(1);
    Column id = functions.element_at(functions.array(offsets), fold).plus(functions.pmod(
        functions.xxhash64(functions.col(Folds.U)),
        functions.element_at(functions.array(counts), fold)).cast("int"));
    Dataset<Row> layout = rows.repartitionById(next, id).sortWithinPartitions(Folds.U)
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
   * from its schema when it has none) and 12 bytes a row for the fold id and {@code u}.
   */
  static double layoutBytes(Dataset<Row> input, long rows) {
    BigInteger measured = input.select(ColumnNames.cols(input.columns())).queryExecution()
        .optimizedPlan().stats().sizeInBytes().bigInteger();
    double bytes = measured.signum() > 0 && measured.bitLength() < 62 ? measured.doubleValue()
        : (double) rows * input.schema().defaultSize();
    return bytes + 12.0 * rows;
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
