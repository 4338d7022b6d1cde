package org.sparktune.split;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The segments of a time split: the stretches between consecutive edges of its folds' windows
 * that some window covers, numbered in order, and which segments each fold's sides are made of.
 * Values are points on the split's axis (a row's position, or a time in microseconds); every
 * interval is half-open, {@code [lower, upper)}. Immutable.
 */
final class Segments {

  /** One fold's windows on the axis: it trains on {@code [trainStart, trainEnd)}. */
  record Window(long trainStart, long trainEnd, long validationStart, long validationEnd) {}

  private final long[] lower;
  private final long[] upper;
  private final int[][] trainIds;
  private final int[][] validationIds;

  private Segments(long[] lower, long[] upper, int[][] trainIds, int[][] validationIds) {
    this.lower = lower;
    this.upper = upper;
    this.trainIds = trainIds;
    this.validationIds = validationIds;
  }

  /** The segments of {@code windows}, by fold. Empty windows cover no segment. */
  static Segments of(List<Window> windows) {
    TreeSet<Long> edges = new TreeSet<>();
    for (Window w : windows) {
      edges.add(w.trainStart());
      edges.add(w.trainEnd());
      edges.add(w.validationStart());
      edges.add(w.validationEnd());
    }
    List<Long> sorted = new ArrayList<>(edges);
    List<long[]> used = new ArrayList<>();
    for (int e = 0; e + 1 < sorted.size(); e++) {
      long lo = sorted.get(e);
      long hi = sorted.get(e + 1);
      for (Window w : windows) {
        if (covers(w.trainStart(), w.trainEnd(), lo, hi)
            || covers(w.validationStart(), w.validationEnd(), lo, hi)) {
          used.add(new long[] {lo, hi});
          break;
        }
      }
    }
    long[] lower = new long[used.size()];
    long[] upper = new long[used.size()];
    for (int s = 0; s < used.size(); s++) {
      lower[s] = used.get(s)[0];
      upper[s] = used.get(s)[1];
    }
    int[][] train = new int[windows.size()][];
    int[][] validation = new int[windows.size()][];
    for (int i = 0; i < windows.size(); i++) {
      Window w = windows.get(i);
      train[i] = within(lower, upper, w.trainStart(), w.trainEnd());
      validation[i] = within(lower, upper, w.validationStart(), w.validationEnd());
    }
    return new Segments(lower, upper, train, validation);
  }

  private static boolean covers(long start, long end, long lo, long hi) {
    return start <= lo && hi <= end;
  }

  private static int[] within(long[] lower, long[] upper, long start, long end) {
    List<Integer> ids = new ArrayList<>();
    for (int s = 0; s < lower.length; s++) {
      if (covers(start, end, lower[s], upper[s])) {
        ids.add(s);
      }
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /** How many segments there are. */
  int count() {
    return lower.length;
  }

  long lower(int segment) {
    return lower[segment];
  }

  long upper(int segment) {
    return upper[segment];
  }

  /** The least and the greatest point any window covers: {@code [start, end)}. */
  long start() {
    return lower[0];
  }

  long end() {
    return upper[upper.length - 1];
  }

  /** The segments fold {@code fold} trains on, by fold. */
  int[][] trainIds() {
    return copy(trainIds);
  }

  /** The segments fold {@code fold} validates on, by fold. */
  int[][] validationIds() {
    return copy(validationIds);
  }

  /** The rows of each fold's side, from the rows of each segment. */
  static long[] sideRows(int[][] ids, long[] segmentRows) {
    long[] rows = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      for (int s : ids[i]) {
        rows[i] += segmentRows[s];
      }
    }
    return rows;
  }

  private static int[][] copy(int[][] ids) {
    int[][] out = new int[ids.length][];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i].clone();
    }
    return out;
  }
}
