package org.sparktune.split;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Lays out and caches rows whose fold id a column gives: {@link FoldColumn}'s own column, or the
 * one {@link GroupAssignment} computes from each row's group. A row's level is that of a plain
 * seeded hash uniform ({@link ExactAssignment#tag}) among the declared fractions, its cached
 * partition follows from its place in the input ({@link Placement}); {@link ColumnWalk} gives
 * both in one pass, and {@link FoldLayout} caches one relation per fold id.
 */
final class ColumnFolds {

  private ColumnFolds() {}

  /**
   * The cached relations, by fold id.
   *
   * @param input the cached input: the cache keeps its columns (less {@code dropped}), and its
   *     size as Spark measured it sizes the cached partitions
   * @param rows the input's rows, in its partitions and order, with an int fold id column
   *     {@code foldCol}: the input itself when the fold column is one of its own
   * @param target bytes per cached partition, from {@link FoldLayout#partitionBytes}
   * @param counted reads the (partition id, fold id, count) rows of {@code rows}, throws when
   *     a fold id is bad, and returns the rows of each fold id (the array) in each partition
   *     (the key)
   * @param dropped input columns left out of the cache
   */
  static List<Dataset<Row>> cache(Dataset<Row> input, Dataset<Row> rows, String foldCol,
      int numFolds, long target, long seed, Levels levels,
      Function<List<Row>, Map<Integer, long[]>> counted, String... dropped) {
    Map<Integer, long[]> counts = counted.apply(rows.groupBy(functions.spark_partition_id(),
        ColumnNames.col(foldCol)).count().collectAsList());
    long all = 0;
    for (long[] r : counts.values()) {
      for (long n : r) {
        all += n;
      }
    }
    Placement placement = Placement.of(counts, numFolds, FoldLayout.layoutBytes(input, all),
        target);
    int width = input.columns().length;
    Column[] cols = new Column[width + 3];
    System.arraycopy(ColumnNames.cols(input.columns()), 0, cols, 0, width);
    cols[width] = functions.col(Folds.U);
    cols[width + 1] = functions.col(Folds.ORDER);
    cols[width + 2] = ColumnNames.col(foldCol);
    Dataset<Row> walked = ExactAssignment.tag(rows, seed).select(cols).mapPartitions(
        new ColumnWalk(width + 2, width, width + 1, width, levels, placement),
        Encoders.row(FoldLayout.placedSchema(input.schema())));
    return FoldLayout.cache(walked, placement, levels, dropped);
  }
}
