package org.sparktune.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The folds of one split, over the one copy of the data a study caches: the input's columns,
 * each row's fold id and its stable uniform {@code u}, laid out so that a read skips what it
 * does not need (see {@link FoldLayout}): {@link #validation} reads its fold's cached batches
 * only, and {@link #train} at fraction {@code f} about {@code f} of the other folds' batches.
 * Every trial of a study reuses them; {@link #close} releases the cache.
 *
 * <p>A fraction {@code f} is a nested subsample: the training rows with {@code u < f}. With a
 * stratified splitter (and {@link KFold}, one class) {@code u} is stratified too: the rows at
 * {@code f} hold {@code f} of every class of every fold within one row. With {@link FoldColumn}
 * {@code u} is a plain seeded hash uniform: the rows at {@code f} are about {@code f} of each
 * fold.
 *
 * <p>Spark conf {@code spark.sparktune.split.partitionBytes} (a number of bytes, default 64 MiB)
 * sets the target size of a cached partition. Thread-safe.
 *
 * <pre>{@code
 * try (Folds folds = new StratifiedKFold().setNumFolds(3).split(data, 42)) {
 *   Dataset<Row> train = folds.train(0, 1.0 / 9);
 *   Dataset<Row> validation = folds.validation(0);
 * }
 * }</pre>
 */
public final class Folds implements AutoCloseable {

  /** Each row's fold id: the fold whose validation side it is on. */
  static final String FOLD = "__sparktune_fold";
  /** A per-row uniform in [0, 1), stable for a seed: fraction f of the data is u < f. */
  static final String U = "__sparktune_u";
  /** A per-row seeded hash used to shuffle rows within a partition; never cached. */
  static final String KEY = "__sparktune_key";

  private final Dataset<Row> layout;
  private final Column[] inputColumns;
  private final int numFolds;
  private final boolean holdout;
  private final String labelCol;
  private final List<Fold> folds = new ArrayList<>();
  private Optional<FractionFloor> floor;

  /**
   * @param layout the cached data: the input's columns, {@link #FOLD} and {@link #U}
   * @param inputColumns the input's own columns
   * @param numFolds number of folds
   * @param holdout whether fold id 0 is the one validation side and fold id 1 trains
   * @param labelCol the class column a stratified splitter used, or null
   */
  Folds(Dataset<Row> layout, String[] inputColumns, int numFolds, boolean holdout,
      String labelCol) {
    this.layout = layout;
    this.inputColumns = ColumnNames.cols(inputColumns);
    this.numFolds = numFolds;
    this.holdout = holdout;
    this.labelCol = labelCol;
    for (int i = 0; i < numFolds; i++) {
      folds.add(new Fold(i, train(i, 1.0), validation(i)));
    }
  }

  /** The (train, validation) pairs, by fold index, at fraction 1. */
  public List<Fold> folds() {
    return List.copyOf(folds);
  }

  /** Number of folds. */
  public int numFolds() {
    return numFolds;
  }

  /**
   * The training rows of fold {@code fold} whose stable uniform is below {@code fraction}: a
   * nested subsample (the rows for a smaller fraction are among those for a larger one), the
   * input's columns only.
   *
   * @param fold a fold index, from 0 to {@code numFolds() - 1}
   * @param fraction the data fraction, in (0, 1]
   */
  public Dataset<Row> train(int fold, double fraction) {
    checkFold(fold);
    if (!(fraction > 0 && fraction <= 1)) {
      throw SplitErrors.fraction(fraction);
    }
    Column rows = otherFolds(fold);
    if (fraction < 1) {
      rows = rows.and(functions.col(U).lt(fraction));
    }
    return layout.where(rows).select(inputColumns);
  }

  /** The validation rows of fold {@code fold}, the input's columns only. */
  public Dataset<Row> validation(int fold) {
    return validation(fold, 1.0);
  }

  /**
   * The validation rows of fold {@code fold} whose stable uniform is below {@code fraction}: a
   * nested subsample of the fold's validation side, stratified as its training rows are.
   *
   * @param fold a fold index, from 0 to {@code numFolds() - 1}
   * @param fraction the data fraction, in (0, 1]
   */
  public Dataset<Row> validation(int fold, double fraction) {
    checkFold(fold);
    if (!(fraction > 0 && fraction <= 1)) {
      throw SplitErrors.fraction(fraction);
    }
    Column rows = functions.col(FOLD).equalTo(holdout ? 0 : fold);
    if (fraction < 1) {
      rows = rows.and(functions.col(U).lt(fraction));
    }
    return layout.where(rows).select(inputColumns);
  }

  /**
   * The smallest data fraction at which every fold's training rows still hold every class, with
   * the class and the fold that bind; empty when the splitter does not know the classes
   * ({@link KFold}, {@link FoldColumn}, {@link Holdout} without a label column). Computed once,
   * from the least {@code u} of each (fold, class): a small aggregate, no rows collected.
   */
  public synchronized Optional<FractionFloor> minimumFraction() {
    if (floor == null) {
      floor = labelCol == null ? Optional.empty() : Optional.of(computeFloor());
    }
    return floor;
  }

  private FractionFloor computeFloor() {
    int foldIds = holdout ? 2 : numFolds;
    Map<Object, double[]> least = new TreeMap<>(ClassCounts::compare);
    for (Row r : layout.groupBy(functions.col(FOLD), ColumnNames.col(labelCol))
        .agg(functions.min(U)).collectAsList()) {
      double[] perFold = least.computeIfAbsent(ClassCounts.classKey(r.get(1)), c -> {
        double[] empty = new double[foldIds];
        Arrays.fill(empty, Double.POSITIVE_INFINITY);
        return empty;
      });
      perFold[r.getInt(0)] = r.getDouble(2);
    }
    double worst = Double.NEGATIVE_INFINITY;
    Object worstClass = null;
    int worstFold = 0;
    for (int i = 0; i < numFolds; i++) {
      for (Map.Entry<Object, double[]> c : least.entrySet()) {
        double first = Double.POSITIVE_INFINITY;
        for (int j = 0; j < foldIds; j++) {
          if (holdout ? j > 0 : j != i) {
            first = Math.min(first, c.getValue()[j]);
          }
        }
        if (first > worst) {
          worst = first;
          worstClass = c.getKey();
          worstFold = i;
        }
      }
    }
    return new FractionFloor(Math.nextUp(worst), String.valueOf(worstClass), worstFold);
  }

  /**
   * The bytes the cached layout holds (memory and disk), as Spark measured them while caching
   * it: what a read of every row would scan.
   */
  public long cachedBytes() {
    BigInteger bytes = layout.queryExecution().optimizedPlan().stats().sizeInBytes()
        .bigInteger();
    return bytes.bitLength() < 63 ? bytes.longValue() : Long.MAX_VALUE;
  }

  /**
   * The target bytes of a cached partition in {@code spark}'s conf ({@code
   * spark.sparktune.split.partitionBytes}, default 64 MiB); throws when it is not a positive
   * number of bytes.
   */
  public static long partitionBytes(SparkSession spark) {
    return FoldLayout.partitionBytes(spark);
  }

  /** The cached layout, for tests in this package. */
  Dataset<Row> cached() {
    return layout;
  }

  private Column otherFolds(int fold) {
    Column id = functions.col(FOLD);
    if (holdout || fold == 0) {
      return id.gt(fold);
    }
    if (fold == numFolds - 1) {
      return id.lt(fold);
    }
    // Not "id != fold": the cached batches' statistics prune < and >, not a negation.
    return id.lt(fold).or(id.gt(fold));
  }

  private void checkFold(int fold) {
    if (fold < 0 || fold >= numFolds) {
      throw SplitErrors.noSuchFold(fold, numFolds);
    }
  }

  /** Releases the cached data, waiting until it is gone. */
  @Override
  public void close() {
    layout.unpersist(true);
  }
}
