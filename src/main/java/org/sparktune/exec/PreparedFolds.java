package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.split.Fold;
import org.sparktune.split.Folds;

/**
 * The folds as trials read them: the pipeline prefix fitted once per fold, its output cached,
 * laid out in {@code partitions} partitions so that concurrent trials each keep to their share
 * of the cores instead of all contending for all of them.
 */
public final class PreparedFolds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PreparedFolds.class);

  private final List<Fold> folds;
  private final List<Dataset<Row>> cached = new ArrayList<>();
  private int prefixFits;

  private PreparedFolds(List<Fold> folds) {
    this.folds = folds;
  }

  /**
   * Fits {@code plan}'s prefix on each fold's train rows, transforms both sides, lays them out
   * and caches them; every cached part is materialised before this returns.
   *
   * @param partitions partitions per cached part; parts with fewer are left as they are
   */
  public static PreparedFolds prepare(Folds folds, PipelinePlan plan, int partitions) {
    List<Fold> out = new ArrayList<>();
    PreparedFolds prepared = new PreparedFolds(out);
    try {
      for (Fold fold : folds.folds()) {
        Dataset<Row> train = fold.train();
        Dataset<Row> validation = fold.validation();
        if (plan.prefix() != null) {
          PipelineModel prefix = plan.prefix().fit(train);
          prepared.prefixFits++;
          train = prefix.transform(train);
          validation = prefix.transform(validation);
        }
        out.add(new Fold(fold.index(), prepared.cache(train, partitions),
            prepared.cache(validation, partitions)));
      }
    } catch (RuntimeException e) {
      prepared.close();
      throw e;
    }
    LOG.info("Prepared {} fold(s): prefix of {} stage(s) fitted {} time(s), {} partition(s) each",
        out.size(), plan.prefixLength(), prepared.prefixFits, partitions);
    return prepared;
  }

  private Dataset<Row> cache(Dataset<Row> data, int partitions) {
    Dataset<Row> laidOut = data.rdd().getNumPartitions() > partitions
        ? data.coalesce(partitions) : data;
    Dataset<Row> persisted = laidOut.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(persisted);
    persisted.count();
    return persisted;
  }

  /** Number of folds. */
  public int numFolds() {
    return folds.size();
  }

  /** The training rows of fold {@code fold} at data fraction {@code fraction}. */
  public Dataset<Row> train(int fold, double fraction) {
    Dataset<Row> all = folds.get(fold).train();
    return fraction >= 1 ? all : all.sample(false, fraction, 7L * fold + 1);
  }

  /** The validation rows of fold {@code fold}. */
  public Dataset<Row> validation(int fold) {
    return folds.get(fold).validation();
  }

  /** The prepared folds, in fold order. */
  public List<Fold> folds() {
    return List.copyOf(folds);
  }

  /** How many times the pipeline prefix was fitted (once per fold, or 0 without a prefix). */
  public int prefixFits() {
    return prefixFits;
  }

  /** Unpersists everything this cached. */
  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
  }
}
