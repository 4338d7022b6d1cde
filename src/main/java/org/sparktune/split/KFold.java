package org.sparktune.split;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Placeholder until the split package lands; replaced on merge. */
public final class KFold implements Splitter {
  private static final long serialVersionUID = 1L;

  @Override
  public int numFolds() {
    return 3;
  }

  @Override
  public void validate(StructType schema) {}

  @Override
  public Folds split(Dataset<Row> data, long seed) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String name() {
    return "kFold";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }
}
