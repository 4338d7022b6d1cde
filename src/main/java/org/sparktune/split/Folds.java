package org.sparktune.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The folds of one split, over the one copy of the data a study caches, one cached relation per
 * fold id: the input's columns and each row's level among the data fractions declared when
 * splitting, laid out so that a read skips what it does not need (see {@link FoldLayout}):
 * {@link #validation} reads its fold id's relation, and {@link #train} at a declared fraction
 * {@code f} about {@code f} of the batches of the other fold ids' relations, as one union (a
 * time split's fold reads the relations of the stretches of time in its windows instead).
 * Every trial of a study reuses them; {@link #close} releases the cache.
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

  /** Each row's fold id, the fold whose validation side it is on; not cached. */
  static final String FOLD = "__sparktune_fold";
  /** Each row's level: declared fraction {@code f_r} is the rows of level at most r. */
  static final String LEVEL = "__sparktune_level";
  /** A per-row uniform in [0, 1), stable for a seed, from which the level follows; not cached. */
  static final String U = "__sparktune_u";
  /** A per-row seeded hash used to shuffle rows within a partition; never cached. */
  static final String KEY = "__sparktune_key";
  /** A row's place in the input, to lay rows out in input order; never cached. */
  static final String ORDER = "__sparktune_order";
  /** A validation group's value, in the relation of a fold's validation groups. */
  static final String GROUP = "__sparktune_group";
  /** A row's cached partition, to lay it out; never cached. */
  static final String PART = "__sparktune_part";

  private final List<Dataset<Row>> relations;
  private final Column[] readColumns;
  private final int numFolds;
  private final int[][] trainIds;
  private final int[][] validationIds;
  private final Levels levels;
  private final Optional<FractionFloor> floor;
  private final List<Fold> folds = new ArrayList<>();
  private final String groupCol;
  private final List<Dataset<Row>> validationGroups = new ArrayList<>();

  /**
   * @param relations the cached data, one relation by fold id: the columns a read returns and,
   *     when a fraction below 1 was declared, {@link #LEVEL}
   * @param readColumns the columns a read returns: the input's own, less those the splitter
   *     drops ({@link FoldColumn}'s fold column)
   * @param numFolds number of folds
   * @param holdout whether fold id 0 is the one validation side and fold id 1 trains
   * @param levels the declared fractions
   * @param least the least {@code u} of each (class, fold id) of a stratified splitter, read
   *     now that the relations are materialised; null when the splitter knows no classes
   */
  Folds(List<Dataset<Row>> relations, String[] readColumns, int numFolds, boolean holdout,
      Levels levels, LeastUniforms least) {
    this(relations, readColumns, complementTrain(numFolds, holdout),
        ownValidation(numFolds, holdout), levels,
        least == null ? null : least.floor(numFolds, holdout));
  }

  /**
   * Folds whose sides are any unions of fold ids: fold {@code i} trains on the relations {@code
   * trainIds[i]} and validates on {@code validationIds[i]}, as a time split's windows do.
   *
   * @param floor the smallest fraction that keeps every class in every fold, or null
   */
  Folds(List<Dataset<Row>> relations, String[] readColumns, int[][] trainIds,
      int[][] validationIds, Levels levels, FractionFloor floor) {
    this(relations, readColumns, trainIds, validationIds, levels, floor, null);
  }

  /**
   * Folds whose sides are unions of fold ids, and whose training rows leave out every row of a
   * group that is on their validation side, so that no group straddles a fold: each fold's
   * validation groups are cached (one column, each value once) and a training read is an
   * anti-join with them.
   *
   * @param groupCol the group column, with no null; null for no groups
   */
  Folds(List<Dataset<Row>> relations, String[] readColumns, int[][] trainIds,
      int[][] validationIds, Levels levels, FractionFloor floor, String groupCol) {
    this.relations = List.copyOf(relations);
    this.readColumns = ColumnNames.cols(readColumns);
    this.numFolds = trainIds.length;
    this.trainIds = trainIds;
    this.validationIds = validationIds;
    this.levels = levels;
    this.floor = Optional.ofNullable(floor);
    this.groupCol = groupCol;
    if (groupCol != null) {
      try {
        for (int i = 0; i < numFolds; i++) {
          Dataset<Row> groups = union(validationIds[i], 1.0)
              .select(ColumnNames.col(groupCol).as(GROUP)).distinct()
              .persist(StorageLevel.MEMORY_AND_DISK());
          validationGroups.add(groups);
          groups.count();
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
    for (int i = 0; i < numFolds; i++) {
      folds.add(new Fold(i, train(i, 1.0), validation(i)));
    }
  }

  /** Fold i trains on every fold id but its own, or, for a holdout, on fold id 1. */
  private static int[][] complementTrain(int numFolds, boolean holdout) {
    int[][] ids = new int[numFolds][];
    for (int i = 0; i < numFolds; i++) {
      final int fold = i;
      ids[i] = holdout ? new int[] {1}
          : IntStream.range(0, numFolds).filter(j -> j != fold).toArray();
    }
    return ids;
  }

  /** Fold i validates on fold id i, or, for a holdout, on fold id 0. */
  private static int[][] ownValidation(int numFolds, boolean holdout) {
    int[][] ids = new int[numFolds][];
    for (int i = 0; i < numFolds; i++) {
      ids[i] = new int[] {holdout ? 0 : i};
    }
    return ids;
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
   * those for a larger one), the input's columns only ({@link FoldColumn} leaves its fold
   * column out). At fraction 1 a read is the union of the other fold ids' cached relations, so
   * its partitions are theirs, none empty.
   *
   * @param fold a fold index, from 0 to {@code numFolds() - 1}
   * @param fraction 1, or a fraction declared when splitting (see {@link #fractions})
   */
  public Dataset<Row> train(int fold, double fraction) {
    checkFold(fold);
    Dataset<Row> rows = union(trainIds[fold], fraction);
    if (groupCol == null) {
      return rows;
    }
    Dataset<Row> groups = validationGroups.get(fold);
    return rows.join(groups, ColumnNames.col(groupCol).equalTo(groups.col(GROUP)), "left_anti");
  }

  /**
   * The validation rows of fold {@code fold}, the input's columns only ({@link FoldColumn}
   * leaves its fold column out).
   */
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
    return union(validationIds[fold], fraction);
  }

  /** The union of the relations {@code ids} at {@code fraction}. */
  private Dataset<Row> union(int[] ids, double fraction) {
    Dataset<Row> rows = null;
    for (int j : ids) {
      Dataset<Row> side = read(j, fraction);
      rows = rows == null ? side : rows.union(side);
    }
    return rows;
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

  /** Fold id {@code j}'s rows at {@code fraction}: its level filter, none at 1. */
  private Dataset<Row> read(int j, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw SplitErrors.fraction(fraction);
    }
    Dataset<Row> rows = relations.get(j);
    if (fraction < 1) {
      int r = levels.index(fraction);
      if (r < 0) {
        throw SplitErrors.undeclaredFraction(fraction, levels.fractions());
      }
      rows = rows.where(functions.col(LEVEL).leq(r));
    }
    return rows.select(readColumns);
  }

  /**
   * The bytes the cached relations hold (memory and disk), as Spark measured them while
   * caching them: what a read of every row would scan.
   */
  public long cachedBytes() {
    BigInteger bytes = BigInteger.ZERO;
    for (Dataset<Row> relation : relations) {
      bytes = bytes.add(relation.queryExecution().optimizedPlan().stats().sizeInBytes()
          .bigInteger());
    }
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

  /** How many fold ids, and so cached relations, there are, for tests in this package. */
  int foldIds() {
    return relations.size();
  }

  /** Fold id {@code j}'s cached relation, for tests in this package. */
  Dataset<Row> cached(int j) {
    return relations.get(j);
  }

  private void checkFold(int fold) {
    if (fold < 0 || fold >= numFolds) {
      throw SplitErrors.noSuchFold(fold, numFolds);
    }
  }

  /** Releases the cached data, waiting until it is gone. */
  @Override
  public void close() {
    for (Dataset<Row> groups : validationGroups) {
      groups.unpersist(true);
    }
    for (Dataset<Row> relation : relations) {
      relation.unpersist(true);
    }
  }
}
