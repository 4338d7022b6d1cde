package org.sparktune.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Lays out and caches the data a study reads, one cached relation per fold id: the input's
 * columns and each row's level ({@link Folds#LEVEL}, see {@link Levels}; left out when no
 * fraction below 1 was declared, as it would be 0 everywhere), with no fold id column. Each
 * partition of a relation is sorted by (level, position in the input), so that the statistics
 * Spark keeps for every cached column batch ({@code spark.sql.inMemoryColumnarStorage.batchSize}
 * rows, with the least and greatest value of each column) let a read of declared fraction
 * {@code f_r} ({@code level <= r}) skip all but about {@code f_r} of each partition's batches
 * plus one at the boundary. A read of one fold's validation side is its fold id's relation; a
 * read of its training side is the union of the others', so it has no empty partition and no
 * fold filter.
 *
 * <p>One relation per fold id, not one for all, because a fold id column costs its statistics
 * and headers in every cached batch (about 65 bytes each), which left the one cache a few
 * kilobytes above what CrossValidator caches at its peak, and because a filtered read of one
 * cache has every fold's partitions, its own fold's empty, which a coalesce merges by count and
 * not by size.
 *
 * <p>Within a level the rows keep their input order, and a partition is one contiguous stretch
 * of the input ({@link Placement}), so a column that compresses in input order (a sequential
 * id, runs of a string or an int) compresses about as well here; the level is one run per
 * batch or so, and compresses to almost nothing. The row's fold id ({@link Folds#FOLD}), its
 * place in the input ({@link Folds#ORDER}) and its partition ({@link Folds#PART}) are used to
 * lay it out and are not cached.
 *
 * <p>Partitions are sized by bytes. Fold id {@code j} with {@code n_j} of the {@code n} rows
 * gets {@code max(1, ceil(B × n_j / n / T))} partitions, where {@code B} is the in-memory size
 * of the input as Spark measured it while caching it, plus 4 bytes a row for the level as
 * Spark's measure counts an int, and {@code T} is the target, {@value #DEFAULT_PARTITION_BYTES}
 * bytes (64 MiB) unless the Spark conf {@value #PARTITION_BYTES} gives another number of bytes.
 *
 * <p>Each relation is built by its own pass over the walk's output, kept to its fold id, and
 * one shuffle ({@code repartitionById}) that puts each row in place: the walk (a sort of each
 * input partition and one pass over it) runs once per fold id, over the cached input, and
 * nothing is cached twice. On the 200,000-row synthetic set of the benchmarks (3 folds, 2
 * cores, one partition per relation), once warm, a split took 1.2 to 1.9 s where one cache for
 * all fold ids took 0.7 to 1.0 s (FoldColumn and StratifiedKFold, with and without declared
 * fractions): under a second more, once per study of tens of seconds.
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
   * Lays out {@code rows} one relation per fold id, caches each and materialises it; on failure
   * nothing of them stays cached.
   *
   * @param rows rows of {@link #placedSchema}; read once per fold id
   * @param placement the partitions of each fold id's relation
   * @param levels the declared fractions; with none, the level (0 everywhere) is not cached
   * @param dropped input columns left out of the cache ({@link FoldColumn}'s fold column)
   * @return the cached relations, by fold id
   */
  static List<Dataset<Row>> cache(Dataset<Row> rows, Placement placement, Levels levels,
      String... dropped) {
    List<String> left = new ArrayList<>(List.of(Folds.FOLD, Folds.PART, Folds.ORDER));
    left.addAll(List.of(dropped));
    if (levels.isEmpty()) {
      left.add(Folds.LEVEL);
    }
    List<Dataset<Row>> relations = new ArrayList<>();
    try {
      for (int j = 0; j < placement.foldIds(); j++) {
        Dataset<Row> laidOut = rows.where(functions.col(Folds.FOLD).equalTo(j))
            .repartitionById(placement.partitions(j), functions.col(Folds.PART))
            .sortWithinPartitions(Folds.LEVEL, Folds.ORDER)
            .drop(left.toArray(new String[0]));
        if (placement.partitions(j) == 1) {
          // A shuffle to one partition reports a single partition, and Spark unions relations
          // that report the same partitioning partition by partition: a training read of
          // single-partition relations would be one task. Rebuilt from its rows, the relation
          // reports an unknown partitioning and a union keeps its partitions apart.
          laidOut = laidOut.sparkSession().createDataFrame(laidOut.javaRDD(), laidOut.schema());
        }
        Dataset<Row> relation = laidOut.persist(StorageLevel.MEMORY_AND_DISK());
        relations.add(relation);
        relation.count();
      }
      return relations;
    } catch (RuntimeException e) {
      for (Dataset<Row> relation : relations) {
        relation.unpersist(true);
      }
      throw e;
    }
  }

  /**
   * The bytes of the layout of {@code input}: Spark's measure of the cached input (or a guess
   * from its schema when it has none) and 4 bytes a row for the level.
   */
  static double layoutBytes(Dataset<Row> input, long rows) {
    BigInteger measured = input.select(ColumnNames.cols(input.columns())).queryExecution()
        .optimizedPlan().stats().sizeInBytes().bigInteger();
    double bytes = measured.signum() > 0 && measured.bitLength() < 62 ? measured.doubleValue()
        : (double) rows * input.schema().defaultSize();
    return bytes + 4.0 * rows;
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
