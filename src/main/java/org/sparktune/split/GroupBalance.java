package org.sparktune.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The greedy rules that put whole groups into folds, on the driver, from each group's size (or
 * class counts) alone: plain arithmetic, no Spark. Groups come in ascending order of their value,
 * and that order breaks every tie between groups, so a rule's answer depends on the counts only.
 */
final class GroupBalance {

  /** numpy's {@code isclose} defaults, which scikit-learn's tie between folds uses. */
  private static final double RELATIVE = 1e-5;
  private static final double ABSOLUTE = 1e-8;

  private GroupBalance() {}

  /**
   * The fold of each group by scikit-learn's GroupKFold rule: groups by size, largest first
   * (equal sizes in ascending group order), each to the fold with the fewest rows so far, the
   * lowest fold index among equals.
   *
   * @param sizes rows of each group, groups in ascending order of their value
   * @param k the number of folds
   */
  static int[] fewestRows(long[] sizes, int k) {
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < sizes.length; g++) {
      order.add(g);
    }
    order.sort(Comparator.comparingLong((Integer g) -> sizes[g]).reversed());
    long[] rows = new long[k];
    int[] folds = new int[sizes.length];
    for (int g : order) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (rows[j] < rows[best]) {
          best = j;
        }
      }
      folds[g] = best;
      rows[best] += sizes[g];
    }
    return folds;
  }

  /**
   * The fold of each group by scikit-learn's StratifiedGroupKFold rule (without shuffle): groups
   * by the standard deviation of their class counts, largest first (equal ones in ascending
   * group order); each to the fold that, with the group in it, gives the least mean over classes
   * of the standard deviation over folds of the fold's share of the class (its rows of the class
   * over all rows of the class). A fold whose mean is within numpy's {@code isclose} of the best
   * so far wins only with fewer rows, so ties go to the fold with the fewest rows, then the
   * lowest index. Shares are computed from whole counts and standard deviations are population
   * ones, each from its mean in two passes, as numpy computes them, so that near-ties fall as
   * they do in scikit-learn. Costs {@code O(groups × k² × classes)} arithmetic.
   *
   * @param counts rows of each class (the inner array) in each group, groups in ascending order
   *     of their value; every class has a row somewhere
   * @param k the number of folds
   */
  static int[] closestShares(long[][] counts, int k) {
    int classes = counts.length == 0 ? 0 : counts[0].length;
    double[] totals = new double[classes];
    double[] spread = new double[counts.length];
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < counts.length; g++) {
      double[] values = new double[classes];
      for (int c = 0; c < classes; c++) {
        totals[c] += counts[g][c];
        values[c] = counts[g][c];
      }
      spread[g] = std(values);
      order.add(g);
    }
    order.sort(Comparator.comparingDouble((Integer g) -> spread[g]).reversed());
    long[][] foldCounts = new long[k][classes];
    long[] rows = new long[k];
    int[] folds = new int[counts.length];
    double[] column = new double[k];
    for (int g : order) {
      int best = -1;
      double bestMean = Double.POSITIVE_INFINITY;
      long bestRows = Long.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        double mean = 0;
        for (int c = 0; c < classes; c++) {
          for (int j = 0; j < k; j++) {
            long n = j == i ? foldCounts[j][c] + counts[g][c] : foldCounts[j][c];
            column[j] = n / totals[c];
          }
          mean += std(column);
        }
        mean /= classes;
        if (mean < bestMean || (close(mean, bestMean) && rows[i] < bestRows)) {
          best = i;
          bestMean = mean;
          bestRows = rows[i];
        }
      }
      folds[g] = best;
      for (int c = 0; c < classes; c++) {
        foldCounts[best][c] += counts[g][c];
        rows[best] += counts[g][c];
      }
    }
    return folds;
  }

  /** The population standard deviation of {@code values}, from their mean. */
  static double std(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / values.length);
  }

  /** numpy's {@code isclose(a, b)}: {@code |a - b| <= 1e-8 + 1e-5 × |b|}. */
  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= ABSOLUTE + RELATIVE * Math.abs(b);
  }

  /** The fold indices in {@code [0, k)} that no group of {@code folds} is in, ascending. */
  static List<Integer> emptyFolds(int[] folds, int k) {
    boolean[] used = new boolean[k];
    for (int f : folds) {
      used[f] = true;
    }
    List<Integer> empty = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (!used[j]) {
        empty.add(j);
      }
    }
    return empty;
  }
}
