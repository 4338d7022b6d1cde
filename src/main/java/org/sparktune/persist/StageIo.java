package org.sparktune.persist;

import org.apache.spark.SparkContext;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;

/** MLlib's writer and reader around a function of the Spark context and the path. */
public final class StageIo {

  private StageIo() {}

  /** Writes a stage at a path. */
  @FunctionalInterface
  public interface Save {
    void save(SparkContext sc, String path);
  }

  /** Reads a stage from a path. */
  @FunctionalInterface
  public interface Load<T> {
    T load(SparkContext sc, String path);
  }

  /** An {@link MLWriter} (overwrite, session and options as MLlib's) that runs {@code save}. */
  public static MLWriter writer(Save save) {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        save.save(sc(), path);
      }
    };
  }

  /** An {@link MLReader} (session as MLlib's) that runs {@code load}. */
  public static <T> MLReader<T> reader(Load<T> load) {
    return new MLReader<T>() {
      @Override
      public T load(String path) {
        return load.load(sc(), path);
      }
    };
  }
}
