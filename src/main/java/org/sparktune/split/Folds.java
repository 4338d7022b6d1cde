package org.sparktune.split;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The folds of one split, over data materialised (cached) once with each row's fold id and its
 * stable uniform {@code u}: every trial of a study reuses them. {@link #close} releases the
 * cache. Thread-safe for reading.
 */
public final class Folds implements AutoCloseable {

  /** Each row's fold id: the fold whose validation side it is on. */
  static final String FOLD = "__sparktune_fold";
  /** A per-row uniform in [0, 1), stable for a seed: fraction f of the data is u < f. */
  static final String U = "__sparktune_u";
  /** A per-row seeded hash used to shuffle rows within a partition. */
  static final String KEY = "__sparktune_key";

  private final Dataset<Row> assigned;
  private final Column[] inputColumns;
  private final int numFolds;
  private final boolean holdout;
  private final List<Fold> folds = new ArrayList<>();

  /**
   * @param assigned cached data with the {@link #FOLD} and {@link #U} columns
   * @param inputColumns the input's own columns
   * @param numFolds number of folds
   * @param holdout whether fold id 0 is the one validation side and every other row trains
   */
  Folds(Dataset<Row> assigned, String[] inputColumns, int numFolds, boolean holdout) {
    this.assigned = assigned;
    this.inputColumns = new Column[inputColumns.length];
    for (int i = 0; i < inputColumns.length; i++) {
      this.inputColumns[i] = functions.col("`" + inputColumns[i].replace("`", "``") + "`");
    }
    this.numFolds = numFolds;
    this.holdout = holdout;
    for (int i = 0; i < numFolds; i++) {
      folds.add(new Fold(i, trainRows(i).select(this.inputColumns),
          validationRows(i).select(this.inputColumns)));
    }
  }

  /** The (train, validation) pairs, by fold index. */
  public List<Fold> folds() {
    return List.copyOf(folds);
  }

  /** Number of folds. */
  public int numFolds() {
    return numFolds;
  }

  /**
   * The train rows of fold {@code index} whose stable uniform is below {@code fraction}: a
   * nested subsample (the rows for a smaller fraction are among those for a larger one).
   */
  public Dataset<Row> train(int index, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("data fraction is " + fraction + "; it must lie in"
          + " (0, 1].");
    }
    return trainRows(index).where(functions.col(U).lt(fraction)).select(inputColumns);
  }

  private Dataset<Row> trainRows(int index) {
    Column fold = functions.col(FOLD);
    return assigned.where(holdout ? fold.notEqual(0) : fold.notEqual(index));
  }

  private Dataset<Row> validationRows(int index) {
    return assigned.where(functions.col(FOLD).equalTo(holdout ? 0 : index));
  }

  /** Releases the cached data. */
  @Override
  public void close() {
    assigned.unpersist();
  }
}
