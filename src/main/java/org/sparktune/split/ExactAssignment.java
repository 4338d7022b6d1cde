package org.sparktune.split;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Gives every row a fold id so that each class is spread over the folds exactly, in O(n) and
 * without collecting rows or grouping a class into one partition.
 *
 * <p>Rows get a seeded hash key. The (partition, class) row counts — a few numbers — are
 * collected; from them every (partition, class) gets the start of its block in a running index
 * that counts the rows of each class in turn, class after class. Each partition is sorted by
 * (class, key) with Spark's spilling sort and walked once: the i-th row of the running index
 * gets fold {@code rule.fold(i)}. With {@code i mod k} each class lands in every fold within one
 * row of its share, and fold sizes within one row of each other, as scikit-learn's
 * StratifiedKFold does; the hash key shuffles rows within a partition.
 */
final class ExactAssignment {

  /** Maps a row's place in the running index to its fold id. */
  interface Rule extends Serializable {
    /** The fold id of the row at running index {@code index}. */
    int fold(long index);
  }

  private static final double TWO_53 = 9007199254740992.0;

  private ExactAssignment() {}

  /** The input with seeded {@link Folds#KEY} and {@link Folds#U} columns. */
  static Dataset<Row> tag(Dataset<Row> data, long seed) {
    Column[] cols = new Column[data.columns().length + 1];
    for (int i = 0; i < data.columns().length; i++) {
      cols[i] = functions.col("`" + data.columns()[i].replace("`", "``") + "`");
    }
    cols[cols.length - 1] = functions.lit(seed);
    Column key = functions.xxhash64(cols);
    cols[cols.length - 1] = functions.lit(seed ^ 0x5DEECE66DL);
    Column u = functions.pmod(functions.xxhash64(cols), functions.lit((long) TWO_53))
        .cast(DataTypes.DoubleType).divide(TWO_53);
    return data.withColumn(Folds.KEY, key).withColumn(Folds.U, u);
  }

  /**
   * Assigns fold ids to {@code data}, cached; {@code labelCol} null means one class.
   *
   * @param minPerClass the fewest rows a class may have (the number of folds when stratified)
   */
  static Dataset<Row> assign(Dataset<Row> data, String labelCol, long seed, Rule rule,
      int minPerClass) {
    Dataset<Row> tagged = tag(data, seed).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column label = labelCol == null ? functions.lit(0)
          : functions.col("`" + labelCol.replace("`", "``") + "`");
      List<Row> counts = tagged.groupBy(functions.spark_partition_id().as("p"), label.as("c"))
          .count().collectAsList();
      Map<Integer, Map<Object, Long>> offsets = offsets(counts, labelCol, minPerClass);
      int labelIndex = labelCol == null ? -1 : List.of(tagged.columns()).indexOf(labelCol);
      Dataset<Row> sorted = labelCol == null ? tagged.sortWithinPartitions(Folds.KEY)
          : tagged.sortWithinPartitions(label, functions.col(Folds.KEY));
      Dataset<Row> assigned = sorted.mapPartitions(walk(offsets, labelIndex, rule),
          Encoders.row(tagged.schema().add(Folds.FOLD, DataTypes.IntegerType, false)))
          .persist(StorageLevel.MEMORY_AND_DISK());
      assigned.count();
      return assigned;
    } finally {
      tagged.unpersist();
    }
  }

  /** Start of each (partition, class) block in the running index; checks class sizes. */
  private static Map<Integer, Map<Object, Long>> offsets(List<Row> counts, String labelCol,
      int minPerClass) {
    TreeMap<Object, TreeMap<Integer, Long>> byClass = new TreeMap<>(ExactAssignment::compare);
    long nulls = 0;
    for (Row r : counts) {
      if (r.isNullAt(1)) {
        nulls += r.getLong(2);
        continue;
      }
      byClass.computeIfAbsent(r.get(1), c -> new TreeMap<>()).merge(r.getInt(0), r.getLong(2),
          Long::sum);
    }
    if (nulls > 0) {
      throw SplitErrors.nullLabels(labelCol, nulls);
    }
    if (byClass.isEmpty()) {
      throw SplitErrors.emptyInput();
    }
    Map<Integer, Map<Object, Long>> offsets = new HashMap<>();
    long start = 0;
    for (Map.Entry<Object, TreeMap<Integer, Long>> c : byClass.entrySet()) {
      long size = c.getValue().values().stream().mapToLong(Long::longValue).sum();
      if (size < minPerClass) {
        throw SplitErrors.classSmallerThanFolds(c.getKey(), size, minPerClass);
      }
      for (Map.Entry<Integer, Long> p : c.getValue().entrySet()) {
        offsets.computeIfAbsent(p.getKey(), k -> new HashMap<>()).put(c.getKey(), start);
        start += p.getValue();
      }
    }
    return offsets;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  private static MapPartitionsFunction<Row, Row> walk(Map<Integer, Map<Object, Long>> offsets,
      int labelIndex, Rule rule) {
    return rows -> {
      Map<Object, Long> next = new HashMap<>(offsets.getOrDefault(
          TaskContext.getPartitionId(), Map.of()));
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row row = rows.next();
          Object c = labelIndex < 0 ? 0 : row.get(labelIndex);
          long index = next.merge(c, 1L, Long::sum) - 1;
          List<Object> values = new ArrayList<>(row.size() + 1);
          for (int i = 0; i < row.size(); i++) {
            values.add(row.get(i));
          }
          values.add(rule.fold(index));
          return RowFactory.create(values.toArray());
        }
      };
    };
  }
}
