package org.sparktune.split;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The walk of {@link ExactAssignment}: over a partition sorted by (class, key), gives the row at
 * running index {@code i} its fold id {@code j = rule.fold(i)}, a stratified uniform {@code u},
 * the level {@code u} has among the declared fractions ({@link Levels}) and its cached partition
 * ({@link Placement}); {@code u} itself is not kept, only its least value per (class, fold id),
 * in a {@link LeastUniforms}.
 *
 * <p>The row's rank {@code r} within its (class c, fold j) block, and the block's size
 * {@code m}, follow from the rule's arithmetic. Its uniform is {@code u = (π(r) + jitter) / m},
 * where {@code π(r) = (a·r + b) mod m} is a permutation of {@code 0 .. m-1} ({@code a} coprime
 * to {@code m}, near {@code m} over the golden ratio, see {@link #multiplier}; {@code b} from the
 * seed, the class and the fold) and {@code jitter ∈ [0, 1)} is the row's own seeded hash
 * uniform. So exactly one row of
 * the block falls in each interval {@code [t/m, (t+1)/m)}: the rows with {@code u < f} are
 * {@code floor(f·m)} or {@code ceil(f·m)} of every (class, fold), nested in {@code f}, and, as a
 * golden-ratio-like step spreads {@code a·r mod m} evenly, spread evenly over the running index
 * and so over the input's partitions (a few rows from {@code f} of every run of ranks).
 */
final class StratifiedWalk implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;
  private static final double INVERSE_GOLDEN_RATIO = 0.6180339887498949;
  private static final double BELOW_ONE = Math.nextDown(1.0);
  private static final long SEARCH = 1024;
  private static final long GOOD_QUOTIENT = 3;

  private final Map<Integer, long[]> blockStarts;
  private final Map<Object, Integer> classIndex = new HashMap<>();
  private final AssignmentRule rule;
  private final long[][] base;
  private final long[][] size;
  private final long[][] multiplier;
  private final long[][] shift;
  private final int labelIndex;
  private final int uIndex;
  private final int orderIndex;
  private final int width;
  private final Levels levels;
  private final Placement placement;
  private final LeastUniforms least;

  /**
   * @param labelIndex the class column's index in the rows, or -1 for one class
   * @param uIndex the index of the row's hash uniform, the jitter
   * @param orderIndex the index of the row's place in the input, {@link Folds#ORDER}
   * @param width how many leading columns of a row are kept (the input's)
   * @param least gathers the least {@code u} of each (class, fold id); registered with Spark
   */
  StratifiedWalk(ClassCounts counts, long seed, int labelIndex, int uIndex, int orderIndex,
      int width, Levels levels, Placement placement, LeastUniforms least) {
    this.blockStarts = new HashMap<>(counts.blockStarts());
    this.rule = counts.rule();
    this.labelIndex = labelIndex;
    this.uIndex = uIndex;
    this.orderIndex = orderIndex;
    this.width = width;
    this.levels = levels;
    this.placement = placement;
    this.least = least;
    List<Object> classes = counts.classes();
    int folds = rule.foldIds();
    base = new long[classes.size()][folds];
    size = new long[classes.size()][folds];
    multiplier = new long[classes.size()][folds];
    shift = new long[classes.size()][folds];
    for (int c = 0; c < classes.size(); c++) {
      classIndex.put(classes.get(c), c);
      for (int j = 0; j < folds; j++) {
        long m = counts.foldSize(c, j);
        base[c][j] = rule.before(counts.start(c), j);
        size[c][j] = m;
        multiplier[c][j] = multiplier(m);
        shift[c][j] = m == 0 ? 0 : Math.floorMod(mix(seed, c, j), m);
      }
    }
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    long[] starts = blockStarts.get(TaskContext.getPartitionId());
    long[] next = starts == null ? new long[base.length] : starts.clone();
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        Object key = labelIndex < 0 ? 0 : ClassCounts.classKey(row.get(labelIndex));
        int c = classIndex.get(key);
        long index = next[c]++;
        int j = rule.fold(index);
        long rank = rule.before(index, j) - base[c][j];
        double u = uniform(rank, c, j, row.getDouble(uIndex));
        least.offer(c, j, u);
        long order = row.getLong(orderIndex);
        return FoldLayout.placed(row, width, j, levels.level(u), placement.partition(order, j),
            order);
      }
    };
  }

  private double uniform(long rank, int c, int j, double jitter) {
    long m = size[c][j];
    long slot = affine(multiplier[c][j], rank, shift[c][j], m);
    return Math.min((slot + jitter) / m, BELOW_ONE);
  }

  /** {@code (a·r + b) mod m} without overflow. */
  static long affine(long a, long r, long b, long m) {
    if (m < (1L << 31)) {
      return (a * r + b) % m;
    }
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(r)).add(BigInteger.valueOf(b))
        .mod(BigInteger.valueOf(m)).longValueExact();
  }

  /**
   * A multiplier for the permutation of {@code 0 .. m-1}: coprime to {@code m}, near {@code m}
   * over the golden ratio, and such that the continued fraction of {@code a/m} has small partial
   * quotients (3 at most when one is found nearby), which is what keeps any run of ranks
   * evenly covered by {@code a·r mod m}, as the golden ratio itself does. A rational that is
   * merely near the golden ratio can have one large quotient and leave runs of a few hundred
   * ranks several rows short.
   */
  static long multiplier(long m) {
    if (m <= 2) {
      return 1;
    }
    long near = Math.round(m * INVERSE_GOLDEN_RATIO);
    long best = -1;
    long bestQuotient = Long.MAX_VALUE;
    for (long d = 0; d < SEARCH && bestQuotient > GOOD_QUOTIENT; d++) {
      for (long a : new long[] {near + d, near - d}) {
        if (a > 0 && a < m && gcd(a, m) == 1) {
          long q = largestQuotient(a, m);
          if (q < bestQuotient) {
            best = a;
            bestQuotient = q;
          }
        }
      }
    }
    return best > 0 ? best : 1;
  }

  /** The largest partial quotient of the continued fraction of {@code a/m}. */
  private static long largestQuotient(long a, long m) {
    long largest = 0;
    while (a != 0) {
      long q = m / a;
      largest = Math.max(largest, q);
      long r = m - q * a;
      m = a;
      a = r;
    }
    return largest;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** A seeded 64-bit mix of (seed, class, fold): SplitMix64's finaliser. */
  private static long mix(long seed, int c, int j) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + c) + 0xC2B2AE3D27D4EB4FL * (1 + j);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
