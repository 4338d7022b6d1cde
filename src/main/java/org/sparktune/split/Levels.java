package org.sparktune.split;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The data fractions a split serves, declared when it is made, and the level they give a row:
 * with fractions {@code f_0 < f_1 < … < f_{L-1}}, a row whose stable uniform is {@code u} has
 * level {@code #{r : u ≥ f_r}}, so the rows of fraction {@code f_r} ({@code u < f_r}) are
 * exactly those of level at most {@code r}. With no fraction declared every row has level 0.
 * Immutable.
 */
final class Levels implements Serializable {

  private static final long serialVersionUID = 1L;
  /** Two fractions this close, relative to the larger, are one. */
  static final double TOLERANCE = 1e-12;

  private final double[] fractions;

  private Levels(double[] fractions) {
    this.fractions = fractions;
  }

  /**
   * The fractions of {@code declared}, sorted, each once; 1 is left out (it reads every row).
   * Throws when one is not in (0, 1].
   */
  static Levels of(List<Double> declared) {
    if (declared == null) {
      throw SplitErrors.fractionsNull();
    }
    List<Double> sorted = new ArrayList<>();
    for (Double f : declared) {
      if (f == null || !(f > 0 && f <= 1)) {
        throw SplitErrors.declaredFraction(f, declared);
      }
      if (f < 1) {
        sorted.add(f);
      }
    }
    Collections.sort(sorted);
    List<Double> distinct = new ArrayList<>();
    for (double f : sorted) {
      if (distinct.isEmpty() || !same(distinct.get(distinct.size() - 1), f)) {
        distinct.add(f);
      }
    }
    double[] out = new double[distinct.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = distinct.get(r);
    }
    return new Levels(out);
  }

  /** The declared fractions below 1, ascending. */
  List<Double> fractions() {
    List<Double> out = new ArrayList<>();
    for (double f : fractions) {
      out.add(f);
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether no fraction below 1 was declared: every row has level 0. */
  boolean isEmpty() {
    return fractions.length == 0;
  }

  /** The level of a row whose stable uniform is {@code u}: how many fractions are at most u. */
  int level(double u) {
    int low = 0;
    int high = fractions.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (fractions[mid] <= u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * The index {@code r} of the declared fraction equal to {@code fraction} (within {@link
   * #TOLERANCE}), whose rows are those of level at most r; -1 when it was not declared.
   */
  int index(double fraction) {
    for (int r = 0; r < fractions.length; r++) {
      if (same(fractions[r], fraction)) {
        return r;
      }
    }
    return -1;
  }

  private static boolean same(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
}
