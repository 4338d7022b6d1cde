package org.sparktune.split;

import java.io.Serializable;
import java.util.Map;

/**
 * Where each row of a split goes in the layout of {@link FoldLayout}: fold id {@code j} has a
 * cached relation of its own of {@code P_j} partitions, sized by bytes, and its rows are dealt
 * over them by contiguous ranges of their position in the input, so that a cached partition is
 * one stretch of the input and keeps the compression the input's order gives its columns.
 *
 * <p>A row of fold id {@code j} at index {@code i} of input partition {@code p} (which holds
 * {@code m_p} rows, {@code m_pj} of fold id j, and follows partitions holding {@code b_pj} rows
 * of fold id j) has the position {@code g = b_pj + floor(i × m_pj / m_p)} among fold j's
 * {@code n_j} rows, and goes to partition {@code floor(g × P_j / n_j)} of fold j's relation. The position
 * is exact up to how evenly fold j's rows are spread within one input partition, so the
 * partitions of a fold hold within about one input partition's share of {@code n_j / P_j} rows
 * each; and it rises with {@code (p, i)}, so every cached partition is a contiguous range.
 * Immutable.
 */
final class Placement implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int INDEX_BITS = 33;

  private final int[] counts;
  private final long[] foldRows;
  private final long[][] before;
  private final long[][] rows;
  private final long[] partitionRows;

  private Placement(int[] counts, long[] foldRows, long[][] before, long[][] rows,
      long[] partitionRows) {
    this.counts = counts;
    this.foldRows = foldRows;
    this.before = before;
    this.rows = rows;
    this.partitionRows = partitionRows;
  }

  /**
   * The placement of rows counted by input partition and fold id.
   *
   * @param counts rows of each fold id (the array) in each input partition (the key)
   * @param foldIds how many fold ids there are
   * @param bytes the in-memory size of all the rows, from {@link FoldLayout#layoutBytes}
   * @param target bytes per cached partition, from {@link FoldLayout#partitionBytes}
   */
  static Placement of(Map<Integer, long[]> counts, int foldIds, double bytes, long target) {
    int inputPartitions = 0;
    for (int p : counts.keySet()) {
      inputPartitions = Math.max(inputPartitions, p + 1);
    }
    long[][] rows = new long[inputPartitions][foldIds];
    long[][] before = new long[inputPartitions][foldIds];
    long[] partitionRows = new long[inputPartitions];
    long[] foldRows = new long[foldIds];
    for (int p = 0; p < inputPartitions; p++) {
      long[] here = counts.getOrDefault(p, new long[foldIds]);
      for (int j = 0; j < foldIds; j++) {
        rows[p][j] = here[j];
        before[p][j] = foldRows[j];
        foldRows[j] += here[j];
        partitionRows[p] += here[j];
      }
    }
    long all = 0;
    for (long r : foldRows) {
      all += r;
    }
    int[] partitionCounts = new int[foldIds];
    for (int j = 0; j < foldIds; j++) {
      partitionCounts[j] = foldRows[j] == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE / 2,
          Math.max(1, (long) Math.ceil(bytes * foldRows[j] / all / target)));
    }
    return new Placement(partitionCounts, foldRows, before, rows, partitionRows);
  }

  /** How many fold ids, and so cached relations, the layout has. */
  int foldIds() {
    return counts.length;
  }

  /** How many cached partitions fold id {@code fold}'s relation has. */
  int partitions(int fold) {
    return counts[fold];
  }

  /** Rows with each fold id. */
  long[] foldRows() {
    return foldRows.clone();
  }

  /**
   * The partition, within its fold id's relation, of a row of fold id {@code fold} whose place
   * in the input is {@code order}, Spark's {@code monotonically_increasing_id()} of the input:
   * its input partition in the upper 31 bits, its index there in the lower 33.
   */
  int partition(long order, int fold) {
    int share = counts[fold];
    if (share == 1) {
      return 0;
    }
    int p = (int) (order >>> INDEX_BITS);
    long index = order & ((1L << INDEX_BITS) - 1);
    double within = Math.floor((double) index * rows[p][fold] / partitionRows[p]);
    double position = before[p][fold] + within;
    long slot = (long) Math.floor(position * share / foldRows[fold]);
    return (int) Math.min(share - 1, slot);
  }
}
