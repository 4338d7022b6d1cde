package org.sparktune.split;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The walk of {@link ColumnFolds}: gives each row the fold id of a column ({@link FoldColumn}'s
 * own, or the one the group splitters compute), the level its seeded hash uniform has among the
 * declared fractions ({@link Levels}) and its cached partition ({@link Placement}), in one pass
 * over a partition in its own order.
 */
final class ColumnWalk implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  private final int foldIndex;
  private final int uIndex;
  private final int orderIndex;
  private final int width;
  private final Levels levels;
  private final Placement placement;

  /**
   * @param foldIndex the fold column's index in the rows
   * @param uIndex the index of the row's hash uniform, {@link Folds#U}
   * @param orderIndex the index of the row's place in the input, {@link Folds#ORDER}
   * @param width how many leading columns of a row are kept (the input's)
   */
  ColumnWalk(int foldIndex, int uIndex, int orderIndex, int width, Levels levels,
      Placement placement) {
    this.foldIndex = foldIndex;
    this.uIndex = uIndex;
    this.orderIndex = orderIndex;
    this.width = width;
    this.levels = levels;
    this.placement = placement;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        int fold = row.getInt(foldIndex);
        long order = row.getLong(orderIndex);
        return FoldLayout.placed(row, width, fold, levels.level(row.getDouble(uIndex)),
            placement.partition(order, fold), order);
      }
    };
  }
}
