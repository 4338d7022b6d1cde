package org.sparktune;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;

/** A real StringIndexer that counts its fits, to show how often a pipeline prefix is fitted. */
public class CountingStringIndexer extends StringIndexer {

  private static final long serialVersionUID = 1L;

  static final AtomicInteger FITS = new AtomicInteger();

  public CountingStringIndexer() {
    this(Identifiable.randomUID("countingIndexer"));
  }

  public CountingStringIndexer(String uid) {
    super(uid);
  }

  @Override
  public StringIndexerModel fit(Dataset<?> dataset) {
    FITS.incrementAndGet();
    return super.fit(dataset);
  }
}
