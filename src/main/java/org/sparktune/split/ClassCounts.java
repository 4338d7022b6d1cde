package org.sparktune.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * The few numbers {@link ExactAssignment} collects before its walk: rows per (partition,
 * class), from which each class's place in the running index (classes in sorted order, one
 * after another), each (partition, class) block's start in it, and, by the rule's arithmetic,
 * the rows of each class in each fold id, and the rows of each fold id in each partition.
 *
 * <p>Class values are normalised as Spark groups them ({@link #classKey}): {@code -0.0} and
 * {@code 0.0} are one class, and so are all NaNs.
 */
final class ClassCounts {

  private final List<Object> classes;
  private final long[] sizes;
  private final long[] starts;
  private final long[][] foldSizes;
  private final Map<Integer, long[]> blockStarts;
  private final Map<Integer, long[]> partitionFoldRows;
  private final AssignmentRule rule;

  private ClassCounts(List<Object> classes, long[] sizes, long[] starts,
      Map<Integer, long[]> blockStarts, Map<Integer, long[]> partitionFoldRows,
      AssignmentRule rule) {
    this.classes = classes;
    this.sizes = sizes;
    this.starts = starts;
    this.blockStarts = blockStarts;
    this.partitionFoldRows = partitionFoldRows;
    this.rule = rule;
    this.foldSizes = new long[classes.size()][rule.foldIds()];
    for (int c = 0; c < classes.size(); c++) {
      for (int j = 0; j < rule.foldIds(); j++) {
        foldSizes[c][j] = rule.before(starts[c] + sizes[c], j) - rule.before(starts[c], j);
      }
    }
  }

  /**
   * Reads rows of (partition id, class, count); throws when a class is null or there are no
   * rows.
   *
   * @param labelCol the class column, for the message on null classes
   */
  static ClassCounts of(List<Row> counts, String labelCol, AssignmentRule rule) {
    TreeMap<Object, TreeMap<Integer, Long>> byClass = new TreeMap<>(ClassCounts::compare);
    long nulls = 0;
    for (Row r : counts) {
      if (r.isNullAt(1)) {
        nulls += r.getLong(2);
        continue;
      }
      byClass.computeIfAbsent(classKey(r.get(1)), c -> new TreeMap<>())
          .merge(r.getInt(0), r.getLong(2), Long::sum);
    }
    if (nulls > 0) {
      throw SplitErrors.nullLabels(labelCol, nulls);
    }
    if (byClass.isEmpty()) {
      throw SplitErrors.emptyInput();
    }
    int n = byClass.size();
    List<Object> classes = new ArrayList<>(byClass.keySet());
    long[] sizes = new long[n];
    long[] starts = new long[n];
    Map<Integer, long[]> blockStarts = new HashMap<>();
    Map<Integer, long[]> partitionFoldRows = new HashMap<>();
    long start = 0;
    for (int c = 0; c < n; c++) {
      starts[c] = start;
      for (Map.Entry<Integer, Long> p : byClass.get(classes.get(c)).entrySet()) {
        blockStarts.computeIfAbsent(p.getKey(), k -> new long[n])[c] = start;
        long[] folds = partitionFoldRows.computeIfAbsent(p.getKey(),
            k -> new long[rule.foldIds()]);
        for (int j = 0; j < folds.length; j++) {
          folds[j] += rule.before(start + p.getValue(), j) - rule.before(start, j);
        }
        start += p.getValue();
        sizes[c] += p.getValue();
      }
    }
    return new ClassCounts(classes, sizes, starts, blockStarts, partitionFoldRows, rule);
  }

  /**
   * A class value as Spark groups it: {@code -0.0} becomes {@code 0.0} and every NaN the one
   * NaN, so that a class found in a row matches the class Spark counted.
   */
  static Object classKey(Object value) {
    if (value instanceof Double d) {
      return d + 0.0;
    }
    if (value instanceof Float f) {
      return f + 0.0f;
    }
    return value;
  }

  /** Orders class values: by their natural order, or by their text when of mixed types. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** The classes, in the order they take in the running index. */
  List<Object> classes() {
    return classes;
  }

  /** Rows of class {@code c}. */
  long size(int c) {
    return sizes[c];
  }

  /** First running index of class {@code c}. */
  long start(int c) {
    return starts[c];
  }

  /** Rows of class {@code c} with fold id {@code fold}. */
  long foldSize(int c, int fold) {
    return foldSizes[c][fold];
  }

  /** Rows with each fold id. */
  long[] foldRows() {
    long[] out = new long[rule.foldIds()];
    for (long[] perClass : foldSizes) {
      for (int j = 0; j < out.length; j++) {
        out[j] += perClass[j];
      }
    }
    return out;
  }

  /** All rows. */
  long rows() {
    long n = 0;
    for (long s : sizes) {
      n += s;
    }
    return n;
  }

  /** Where each class's block starts in the running index, by partition id then class. */
  Map<Integer, long[]> blockStarts() {
    return blockStarts;
  }

  /** Rows of each fold id (the array) in each partition (the key). */
  Map<Integer, long[]> partitionFoldRows() {
    return partitionFoldRows;
  }

  AssignmentRule rule() {
    return rule;
  }
}
