package org.sparktune.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of the group splitters ({@link GroupKFold}, {@link StratifiedGroupKFold}). The
 * input is cached once ({@link ExactAssignment#withInputCached}); one aggregation of it brings
 * (group, rows) or (group, class, rows) to the driver, never rows; a {@link GroupBalance} rule
 * turns those counts into a fold id per group; the (group, fold id) pairs go back to the
 * executors as a broadcast join that gives every row its group's fold id; and {@link
 * ColumnFolds} lays out and caches the rows by that fold id as {@link FoldColumn} does by its
 * user's column. Nothing but the counts and the assignment passes through the driver.
 */
final class GroupAssignment {

  /** The assignment's group value, joined to the input's group column; never cached. */
  static final String GROUP = "__sparktune_group";
  /** Each row's fold id, from its group; never cached. */
  static final String GROUP_FOLD = "__sparktune_group_fold";

  private GroupAssignment() {}

  /**
   * The groups of a split and the fold id of each.
   *
   * @param groups the distinct group values, as Spark returned them
   * @param folds the fold id of {@code groups.get(g)} at index {@code g}, each in [0, numFolds)
   */
  record Assignment(List<Object> groups, int[] folds) {}

  /**
   * Splits {@code data} by the assignment {@code assign} computes from the cached input, and
   * caches the folds; fold {@code i} validates on the groups of fold id {@code i}.
   *
   * @param assign runs the one aggregation on the cached input, checks its counts and returns
   *     the assignment, every fold id holding a group; throws before any row is laid out
   */
  static Folds split(Dataset<Row> data, String groupCol, int numFolds, long seed,
      List<Double> fractions, Function<Dataset<Row>, Assignment> assign) {
    Levels levels = Levels.of(fractions);
    long target = FoldLayout.partitionBytes(data.sparkSession());
    DataType type = data.schema().apply(groupCol).dataType();
    List<Dataset<Row>> relations = ExactAssignment.withInputCached(data, input -> {
      Assignment assignment = assign.apply(input);
      List<Row> pairs = new ArrayList<>();
      for (int g = 0; g < assignment.groups().size(); g++) {
        pairs.add(RowFactory.create(assignment.groups().get(g), assignment.folds()[g]));
      }
      Dataset<Row> table = input.sparkSession().createDataFrame(pairs, new StructType()
          .add(GROUP, type, false).add(GROUP_FOLD, DataTypes.IntegerType, false));
      Dataset<Row> rows = input.join(functions.broadcast(table),
          ColumnNames.col(groupCol).equalTo(functions.col(GROUP))).drop(GROUP);
      return ColumnFolds.cache(input, rows, GROUP_FOLD, numFolds, target, seed, levels,
          counts -> partitionFoldRows(counts, numFolds));
    });
    return new Folds(relations, data.columns(), numFolds, false, levels, null);
  }

  /**
   * The rows of each group of the cached input, as (group, rows), ascending by group with the
   * null group, if any, first: one aggregation.
   */
  static List<Row> groupSizes(Dataset<Row> input, String groupCol) {
    return input.groupBy(ColumnNames.col(groupCol)).count()
        .orderBy(ColumnNames.col(groupCol)).collectAsList();
  }

  /** Throws when there are fewer groups than folds. */
  static void checkGroupCount(String splitter, String groupCol, int groups, int numFolds) {
    if (groups < numFolds) {
      throw SplitErrors.tooFewGroups(splitter, groupCol, groups, numFolds);
    }
  }

  /** Rows of each fold id in each input partition, from (partition id, fold id, count) rows. */
  private static Map<Integer, long[]> partitionFoldRows(List<Row> counts, int numFolds) {
    Map<Integer, long[]> byPartition = new HashMap<>();
    for (Row r : counts) {
      byPartition.computeIfAbsent(r.getInt(0), p -> new long[numFolds])[r.getInt(1)] +=
          r.getLong(2);
    }
    return byPartition;
  }
}
