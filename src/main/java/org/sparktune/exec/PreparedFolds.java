package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.split.Fold;
import org.sparktune.split.Folds;

/**
 * The folds as trials read them: the pipeline prefix fitted once per fold, on that fold's full
 * training rows, and applied lazily to every read; each read is at most {@code partitions}
 * partitions, so that concurrent trials each keep to their share of the cores.
 *
 * <p>Nothing here is cached: the one cache of a study is the {@link Folds}' (the input's columns,
 * each row's fold and level, laid out so a read skips the batches it does not need). Cached
 * per-fold copies of the prefix's output would multiply the cached bytes by the number of folds,
 * and gain little: MLlib's estimators cache their own working set during a fit anyway
 * (LogisticRegression its standardized blocks, tree ensembles their binned input), so the
 * prefix runs once per fit, not once per iteration. Every read is coalesced to at most
 * {@code partitions} partitions (a coalesce without shuffle never adds any): the coalesced
 * tasks still read only the cached batches the filter keeps, and fewer tasks per MLlib
 * iteration measurably speed up its many small jobs.
 *
 * <p>{@link #close} releases nothing of its own (closing the {@link Folds} releases the data).
 * Thread-safe for reading.
 */
public final class PreparedFolds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreparedFolds.class);

  private final Folds folds;
  private final List<PipelineModel> prefixModels;
  private final int partitions;
  private final long[] validationRows;

  private PreparedFolds(Folds folds, List<PipelineModel> prefixModels, int partitions) {
    this.folds = folds;
    this.prefixModels = prefixModels;
    this.partitions = partitions;
    this.validationRows = new long[folds.numFolds()];
    java.util.Arrays.fill(validationRows, -1);
  }

  /**
   * Fits {@code plan}'s prefix once per fold, on the fold's training rows at fraction 1.
   *
   * @param partitions the most partitions a read has, at least 1
   */
  public static PreparedFolds prepare(Folds folds, PipelinePlan plan, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions is " + partitions + "; a read needs at"
          + " least 1 partition: pass the cores a trial may use, at least 1.");
    }
    List<PipelineModel> models = new ArrayList<>();
    for (int i = 0; i < folds.numFolds(); i++) {
      models.add(plan.prefix() == null ? null
          : plan.prefix().fit(laidOut(folds.train(i, 1.0), partitions)));
    }
    PreparedFolds prepared = new PreparedFolds(folds, models, partitions);
    LOG.info("Prepared {} fold(s): prefix of {} stage(s) fitted {} time(s), reads of at most {}"
        + " partition(s)", folds.numFolds(), plan.prefixLength(), prepared.prefixFits(),
        partitions);
    return prepared;
  }

  /** Number of folds. */
  public int numFolds() {
    return folds.numFolds();
  }

  /**
   * The training rows of fold {@code fold} at data fraction {@code fraction} (a nested
   * subsample, see {@link Folds#train}), through the fold's fitted prefix.
   */
  public Dataset<Row> train(int fold, double fraction) {
    return prepared(fold, folds.train(fold, fraction));
  }

  /** The validation rows of fold {@code fold}, through the fold's fitted prefix. */
  public Dataset<Row> validation(int fold) {
    return prepared(fold, folds.validation(fold));
  }

  /**
   * The validation rows of fold {@code fold} at data fraction {@code fraction} (a nested
   * subsample, see {@link Folds#validation(int, double)}), through the fold's fitted prefix.
   */
  public Dataset<Row> validation(int fold, double fraction) {
    return prepared(fold, folds.validation(fold, fraction));
  }

  /** How many validation rows fold {@code fold} has: counted once, from the cache. */
  public synchronized long validationRows(int fold) {
    if (validationRows[fold] < 0) {
      validationRows[fold] = folds.validation(fold).count();
    }
    return validationRows[fold];
  }

  /** The data fractions below 1 the split serves (see {@link Folds#fractions}). */
  public List<Double> fractions() {
    return folds.fractions();
  }

  /** The prepared folds at fraction 1, in fold order. */
  public List<Fold> folds() {
    List<Fold> out = new ArrayList<>();
    for (int i = 0; i < numFolds(); i++) {
      out.add(new Fold(i, train(i, 1.0), validation(i)));
    }
    return out;
  }

  /** How many times the pipeline prefix was fitted (once per fold, or 0 without a prefix). */
  public int prefixFits() {
    return (int) prefixModels.stream().filter(m -> m != null).count();
  }

  private Dataset<Row> prepared(int fold, Dataset<Row> rows) {
    PipelineModel prefix = prefixModels.get(fold);
    return laidOut(prefix == null ? rows : prefix.transform(rows), partitions);
  }

  /** At most {@code partitions} partitions: a coalesce without shuffle never adds any. */
  private static Dataset<Row> laidOut(Dataset<Row> data, int partitions) {
    return data.coalesce(partitions);
  }

  /** Holds no cache of its own: closing the {@link Folds} releases the data. */
  @Override
  public void close() {}
}
