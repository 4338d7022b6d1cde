package org.sparktune.split;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.util.AccumulatorV2;

/**
 * The least stable uniform {@code u} of each (class, fold id), gathered while {@link
 * StratifiedWalk} gives rows their {@code u}, so that {@link Folds#minimumFraction} needs no pass
 * over the data and {@code u} need not be cached. A minimum is the same however often a task
 * reports it, so retried tasks do no harm. Add {@code {class index, fold id, u}}; the value is
 * the table itself, {@code +∞} where a (class, fold id) has no row.
 */
final class LeastUniforms extends AccumulatorV2<double[], double[][]> {

  private static final long serialVersionUID = 1L;

  private final List<Object> classes;
  private final double[][] least;

  /**
   * @param classes the classes, in {@link ClassCounts#classes} order
   * @param foldIds how many fold ids there are
   */
  LeastUniforms(List<Object> classes, int foldIds) {
    this.classes = classes;
    this.least = new double[classes.size()][foldIds];
    reset();
  }

  /** Offers {@code u} for class index {@code c} and fold id {@code fold}. */
  void offer(int c, int fold, double u) {
    if (u < least[c][fold]) {
      least[c][fold] = u;
    }
  }

  @Override
  public boolean isZero() {
    for (double[] perClass : least) {
      for (double u : perClass) {
        if (u != Double.POSITIVE_INFINITY) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public LeastUniforms copy() {
    LeastUniforms out = new LeastUniforms(classes, least.length == 0 ? 0 : least[0].length);
    for (int c = 0; c < least.length; c++) {
      out.least[c] = least[c].clone();
    }
    return out;
  }

  @Override
  public void reset() {
    for (double[] perClass : least) {
      Arrays.fill(perClass, Double.POSITIVE_INFINITY);
    }
  }

  @Override
  public void add(double[] v) {
    offer((int) v[0], (int) v[1], v[2]);
  }

  @Override
  public void merge(AccumulatorV2<double[], double[][]> other) {
    double[][] theirs = other.value();
    for (int c = 0; c < least.length; c++) {
      for (int j = 0; j < least[c].length; j++) {
        offer(c, j, theirs[c][j]);
      }
    }
  }

  @Override
  public double[][] value() {
    return least;
  }

  /**
   * The smallest fraction at which every fold's training rows hold every class: the largest,
   * over folds and classes, of the least {@code u} of the class among the fold's training rows,
   * made exclusive; with the first (fold, class) that reaches it.
   *
   * @param numFolds how many folds there are
   * @param holdout whether fold id 0 is the one validation side and fold id 1 trains
   */
  FractionFloor floor(int numFolds, boolean holdout) {
    double worst = Double.NEGATIVE_INFINITY;
    Object worstClass = null;
    int worstFold = 0;
    for (int i = 0; i < numFolds; i++) {
      for (int c = 0; c < least.length; c++) {
        double first = Double.POSITIVE_INFINITY;
        for (int j = 0; j < least[c].length; j++) {
          if (holdout ? j > 0 : j != i) {
            first = Math.min(first, least[c][j]);
          }
        }
        if (first > worst) {
          worst = first;
          worstClass = classes.get(c);
          worstFold = i;
        }
      }
    }
    return new FractionFloor(Math.nextUp(worst), String.valueOf(worstClass), worstFold);
  }
}
