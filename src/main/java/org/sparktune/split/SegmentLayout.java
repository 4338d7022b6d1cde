package org.sparktune.split;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Lays out rows a split has already cut into disjoint segments (the stretches of time between
 * the edges of a time split's windows), one cached relation per segment, as {@link FoldLayout}
 * lays out fold ids: a fold's training or validation side is then the union of the segments in
 * its window. The segment is a fold id column to {@link ColumnFolds}, so a row's level among
 * the declared fractions comes from a plain seeded hash uniform, as with {@link FoldColumn}, and
 * a declared fraction {@code f} is about {@code f} of each segment, and so of each window.
 *
 * <p>The input is cached while its rows are counted by (partition, segment) and walked, and
 * released once the segments are cached, as {@link ExactAssignment} does.
 */
final class SegmentLayout {

  /** Each row's segment, from 0; not cached. */
  static final String SEGMENT = "__sparktune_segment";

  private SegmentLayout() {}

  /**
   * The segments of {@code data}, laid out and cached, by segment id.
   *
   * @param data the input's columns {@code columns} and {@link #SEGMENT}, in {@code [0,
   *     segments)} on every row
   * @param columns the input's own columns: what the cache keeps
   * @param check gets the rows of each segment before anything is laid out, and throws when a
   *     fold would be empty
   */
  static List<Dataset<Row>> cache(Dataset<Row> data, String[] columns, int segments, long seed,
      Levels levels, Consumer<long[]> check) {
    long target = FoldLayout.partitionBytes(data.sparkSession());
    Column[] kept = new Column[columns.length + 1];
    System.arraycopy(ColumnNames.cols(columns), 0, kept, 0, columns.length);
    kept[columns.length] = functions.col(SEGMENT);
    return ExactAssignment.withInputCached(data.select(kept), input -> ColumnFolds.cache(input,
        input, SEGMENT, segments, target, seed, levels, counted -> {
          Map<Integer, long[]> counts = new HashMap<>();
          long[] rows = new long[segments];
          for (Row r : counted) {
            counts.computeIfAbsent(r.getInt(0), p -> new long[segments])[r.getInt(1)] +=
                r.getLong(2);
            rows[r.getInt(1)] += r.getLong(2);
          }
          check.accept(rows);
          return counts;
        }, SEGMENT));
  }

  /**
   * The segment id of a value of {@code axis}: {@code s} for a value in {@code [edges.lower(s),
   * edges.upper(s))}, -1 for a value in none.
   *
   * @param literal the literal of a value on the axis
   */
  static Column segmentOf(Column axis, Segments edges, LongFunction<Column> literal) {
    Column id = null;
    for (int s = 0; s < edges.count(); s++) {
      Column in = axis.geq(literal.apply(edges.lower(s))).and(axis.lt(literal.apply(
          edges.upper(s))));
      id = id == null ? functions.when(in, s) : id.when(in, s);
    }
    return id.otherwise(-1);
  }
}
