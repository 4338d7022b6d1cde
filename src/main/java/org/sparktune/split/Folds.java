package org.sparktune.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The folds of one split, over the one copy of the data a study caches: the input's columns,
 * each row's fold id and its level among the data fractions declared when splitting, laid out
 * so that a read skips what it does not need (see {@link FoldLayout}): {@link #validation} reads
 * its fold's cached batches only, and {@link #train} at a declared fraction {@code f} about
 * {@code f} of the other folds' batches. Every trial of a study reuses them; {@link #close}
 * releases the cache.
 *
 * <p>A fraction {@code f} is a nested subsample: the rows whose stable uniform {@code u}, drawn
 * when splitting, is below {@code f}. Only the fractions declared to {@link Splitter#split(
 * Dataset, long, List)} can be read, and 1: the cache keeps each row's level (how many declared
 * fractions its {@code u} is at or above), not {@code u}. With a stratified splitter (and {@link
 * KFold}, one class) {@code u} is stratified too: the rows at {@code f} hold {@code f} of every
 * class of every fold within one row. With {@link FoldColumn} {@code u} is a plain seeded hash
 * uniform: the rows at {@code f} are about {@code f} of each fold.
 *
 * <p>Spark conf {@code spark.sparktune.split.partitionBytes} (a number of bytes, default 64 MiB)
 * sets the target size of a cached partition. Thread-safe.
 *
 * <pre>{@code
 * try (Folds folds = new StratifiedKFold().setNumFolds(3)
 *     .split(data, 42, List.of(1.0 / 9, 1.0 / 3))) {
 *   Dataset<Row> train = folds.train(0, 1.0 / 9);
 *   Dataset<Row> validation = folds.validation(0);
 * }
 * }</pre>
 */
public final class Folds implements AutoCloseable {

  /** Each row's fold id: the fold whose validation side it is on. */
  static final String FOLD = "__sparktune_fold";
  /** Each row's level: declared fraction {@code f_r} is the rows of level at most r. */
  static final String LEVEL = "__sparktune_level";
  /** A per-row uniform in [0, 1), stable for a seed, from which the level follows; not cached. */
  static final String U = "__sparktune_u";
  /** A per-row seeded hash used to shuffle rows within a partition; never cached. */
  static final String KEY = "__sparktune_key";
  /** A row's place in the input, to lay rows out in input order; never cached. */
  static final String ORDER = "__sparktune_order";
  /** A row's cached partition, to lay it out; never cached. */
  static final String PART = "__sparktune_part";

  private final Dataset<Row> layout;
  private final Column[] inputColumns;
  private final int numFolds;
  private final boolean holdout;
  private final Levels levels;
  private final String foldColumn;
  private final Optional<FractionFloor> floor;
  private final List<Fold> folds = new ArrayList<>();

  /**
   * @param layout the cached data: the input's columns, {@link #FOLD} and, when a fraction below
   *     1 was declared, {@link #LEVEL}
   * @param inputColumns the input's own columns
   * @param numFolds number of folds
   * @param holdout whether fold id 0 is the one validation side and fold id 1 trains
   * @param levels the declared fractions
   * @param least the least {@code u} of each (class, fold id) of a stratified splitter, read
   *     now that the layout is materialised; null when the splitter knows no classes
   */
  Folds(Dataset<Row> layout, String[] inputColumns, int numFolds, boolean holdout,
      Levels levels, LeastUniforms least) {
    this(layout, inputColumns, numFolds, holdout, levels, least, FOLD);
  }

  /**
   * As above, with the fold ids in {@code foldColumn}: one of the input's own columns when the
   * user gave the folds ({@link FoldColumn}), so that the cache holds them once.
   */
  Folds(Dataset<Row> layout, String[] inputColumns, int numFolds, boolean holdout,
      Levels levels, LeastUniforms least, String foldColumn) {
    this.layout = layout;
    this.foldColumn = foldColumn;
    this.inputColumns = ColumnNames.cols(inputColumns);
    this.numFolds = numFolds;
    this.holdout = holdout;
    this.levels = levels;
    this.floor = least == null ? Optional.empty() : Optional.of(least.floor(numFolds, holdout));
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

  /** The data fractions below 1 that were declared when splitting, ascending. */
  public List<Double> fractions() {
    return levels.fractions();
  }

  /**
   * The training rows of fold {@code fold} at data fraction {@code fraction}: those whose
   * stable uniform is below it, a nested subsample (the rows for a smaller fraction are among
   * those for a larger one), the input's columns only.
   *
   * @param fold a fold index, from 0 to {@code numFolds() - 1}
   * @param fraction 1, or a fraction declared when splitting (see {@link #fractions})
   */
  public Dataset<Row> train(int fold, double fraction) {
    checkFold(fold);
    return layout.where(atFraction(otherFolds(fold), fraction)).select(inputColumns);
  }

  /** The validation rows of fold {@code fold}, the input's columns only. */
  public Dataset<Row> validation(int fold) {
    return validation(fold, 1.0);
  }

  /**
   * The validation rows of fold {@code fold} at data fraction {@code fraction}: a nested
   * subsample of the fold's validation side, stratified as its training rows are.
   *
   * @param fold a fold index, from 0 to {@code numFolds() - 1}
   * @param fraction 1, or a fraction declared when splitting (see {@link #fractions})
   */
  public Dataset<Row> validation(int fold, double fraction) {
    checkFold(fold);
    Column rows = ColumnNames.col(foldColumn).equalTo(holdout ? 0 : fold);
    return layout.where(atFraction(rows, fraction)).select(inputColumns);
  }

  /**
   * The smallest data fraction at which every fold's training rows still hold every class, with
   * the class and the fold that bind; empty when the splitter does not know the classes
   * ({@link KFold}, {@link FoldColumn}, {@link Holdout} without a label column). Computed from
   * the least {@code u} of each (fold, class), gathered while the split ran: no pass over the
   * data. It need not be a declared fraction: a declared fraction at or above it keeps every
   * class in every fold's training rows, one below it does not.
   */
  public Optional<FractionFloor> minimumFraction() {
    return floor;
  }

  /** {@code rows} at {@code fraction}: its level filter, none at 1. */
  private Column atFraction(Column rows, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw SplitErrors.fraction(fraction);
    }
    if (fraction == 1) {
      return rows;
    }
    int r = levels.index(fraction);
    if (r < 0) {
      throw SplitErrors.undeclaredFraction(fraction, levels.fractions());
    }
    return rows.and(functions.col(LEVEL).leq(r));
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

  /** The column of the cached layout that holds each row's fold id, for tests in this package. */
  String foldColumn() {
    return foldColumn;
  }

  /** The cached layout, for tests in this package. */
  Dataset<Row> cached() {
    return layout;
  }

  private Column otherFolds(int fold) {
    Column id = ColumnNames.col(foldColumn);
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
