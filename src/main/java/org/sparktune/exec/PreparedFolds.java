package org.sparktune.exec;

import java.util.ArrayList;
import java.util.Arrays;
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
 * training rows, and applied lazily to every read; each read is coalesced to as many partitions
 * as its bytes call for, at most {@code partitions}, so that concurrent trials each keep to
 * their share of the cores and a small read is not cut into tasks too small to pay for
 * themselves.
 *
 * <p>Nothing here is cached: the one cache of a study is the {@link Folds}' (the input's
 * columns and each row's level, one cached relation per fold id, laid out so a read skips the
 * batches it does not need). Cached
 * per-fold copies of the prefix's output would multiply the cached bytes by the number of folds,
 * and gain little: MLlib's estimators cache their own working set during a fit anyway
 * (LogisticRegression its standardized blocks, tree ensembles their binned input), so the
 * prefix runs once per fit, not once per iteration.
 *
 * <p>A read of {@code b} bytes of the cache gets {@code min(partitions, max(1, ceil(b /
 * bytesPerTask)))} partitions, {@code b} estimated from the cache's size and the share of its
 * rows the read keeps. An iterative estimator runs one small job per iteration over the
 * partitions its input had, so tasks of a few megabytes cost more in scheduling than they save
 * in compute: on the 32,561 Adult rows, an LR fit over two partitions took 1.75 times as long as
 * over one. A coalesce without shuffle never adds partitions, and the coalesced tasks still read
 * only the cached batches the filter keeps.
 *
 * <p>{@link #close} releases nothing of its own (closing the {@link Folds} releases the data).
 * Thread-safe for reading.
 */
public final class PreparedFolds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreparedFolds.class);

  private final Folds folds;
  private final List<PipelineModel> prefixModels;
  private final int partitions;
  private final long bytesPerTask;
  private final long[] validationRows;
  private final long[] trainRows;
  private long cachedBytes = -1;

  private PreparedFolds(Folds folds, List<PipelineModel> prefixModels, int partitions,
      long bytesPerTask) {
    this.folds = folds;
    this.prefixModels = prefixModels;
    this.partitions = partitions;
    this.bytesPerTask = bytesPerTask;
    this.validationRows = new long[folds.numFolds()];
    this.trainRows = new long[folds.numFolds()];
    Arrays.fill(validationRows, -1);
    Arrays.fill(trainRows, -1);
  }

  /**
   * Fits {@code plan}'s prefix once per fold, on the fold's training rows at fraction 1.
   *
   * @param partitions the most partitions a read has, at least 1
   * @param bytesPerTask the cached bytes that call for one more partition, at least 1
   */
  public static PreparedFolds prepare(Folds folds, PipelinePlan plan, int partitions,
      long bytesPerTask) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions is " + partitions + "; a read needs at"
          + " least 1 partition: pass the cores a trial may use, at least 1.");
    }
    if (bytesPerTask < 1) {
      throw new IllegalArgumentException("bytesPerTask is " + bytesPerTask + "; pass the"
          + " bytes of a read task, at least 1.");
    }
    PreparedFolds prepared = new PreparedFolds(folds, new ArrayList<>(), partitions,
        bytesPerTask);
    for (int i = 0; i < folds.numFolds(); i++) {
      prepared.prefixModels.add(plan.prefix() == null ? null
          : plan.prefix().fit(prepared.laidOut(folds.train(i, 1.0),
              prepared.trainRows(i))));
    }
    LOG.info("Prepared {} fold(s): prefix of {} stage(s) fitted {} time(s), reads of at most {}"
        + " partition(s), one per {} cached bytes", folds.numFolds(), plan.prefixLength(),
        prepared.prefixFits(), partitions, bytesPerTask);
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
    Dataset<Row> rows = folds.train(fold, fraction);
    return prepared(fold, rows, fraction * trainRows(fold));
  }

  /** The validation rows of fold {@code fold}, through the fold's fitted prefix. */
  public Dataset<Row> validation(int fold) {
    return validation(fold, 1.0);
  }

  /**
   * The validation rows of fold {@code fold} at data fraction {@code fraction} (a nested
   * subsample, see {@link Folds#validation(int, double)}), through the fold's fitted prefix.
   */
  public Dataset<Row> validation(int fold, double fraction) {
    Dataset<Row> rows = folds.validation(fold, fraction);
    return prepared(fold, rows, fraction * validationRows(fold));
  }

  /** How many validation rows fold {@code fold} has: counted once, from the cache. */
  public synchronized long validationRows(int fold) {
    if (validationRows[fold] < 0) {
      validationRows[fold] = folds.validation(fold).count();
    }
    return validationRows[fold];
  }

  /** The bytes of the folds' cache: read once, not planned again on every read. */
  private synchronized long cachedBytes() {
    if (cachedBytes < 0) {
      cachedBytes = folds.cachedBytes();
    }
    return cachedBytes;
  }

  /** How many training rows fold {@code fold} has at fraction 1: counted once, from the cache. */
  public synchronized long trainRows(int fold) {
    if (trainRows[fold] < 0) {
      trainRows[fold] = folds.train(fold, 1.0).count();
    }
    return trainRows[fold];
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

  private Dataset<Row> prepared(int fold, Dataset<Row> rows, double rowsRead) {
    PipelineModel prefix = prefixModels.get(fold);
    return laidOut(prefix == null ? rows : prefix.transform(rows), rowsRead);
  }

  /** {@code data}, of about {@code rowsRead} cached rows, in as many partitions as it needs. */
  private Dataset<Row> laidOut(Dataset<Row> data, double rowsRead) {
    return data.coalesce(readPartitions(rowsRead));
  }

  /**
   * The partitions of a read of about {@code rowsRead} cached rows: one per {@code bytesPerTask}
   * of the bytes those rows hold in the cache, at least 1 and at most {@code partitions}.
   */
  int readPartitions(double rowsRead) {
    long rows = trainRows(0) + validationRows(0);
    double bytes = rows == 0 ? 0 : (double) cachedBytes() * rowsRead / rows;
    return (int) Math.max(1, Math.min(partitions, Math.ceil(bytes / bytesPerTask)));
  }

  /** Holds no cache of its own: closing the {@link Folds} releases the data. */
  @Override
  public void close() {}
}
