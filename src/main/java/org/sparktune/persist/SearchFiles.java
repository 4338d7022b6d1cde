package org.sparktune.persist;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.sparktune.internal.MetadataFiles;

/**
 * The layout of a saved search: its params as MLlib metadata, the estimator and the evaluator
 * (either may be unset) saved by their own writers under {@code estimator/} and {@code
 * evaluator/}.
 */
public final class SearchFiles {

  private static final List<String> NESTED = List.of("estimator", "evaluator");

  private SearchFiles() {}

  /** What a saved search holds: its uid, metadata (for its params) and nested stages. */
  public record Saved(String uid, JsonNode metadata, Estimator<?> estimator,
      Evaluator evaluator) {
    /** The saved params, decoded for {@code blank}, a stage of the saved class. */
    public ParamMap params(Params blank) {
      return MetadataFiles.decodeParams(blank, metadata);
    }
  }

  /**
   * Saves {@code search}'s params, leaving out the nested stages, and each nested stage that is
   * set (null for one that is not).
   */
  public static void save(SparkContext sc, String path, Params search, Estimator<?> estimator,
      Evaluator evaluator) {
    MetadataFiles.write(sc, path, MetadataFiles.describe(search, NESTED));
    if (estimator != null) {
      MetadataFiles.saveNested(estimator, "estimator", path + "/estimator");
    }
    if (evaluator != null) {
      MetadataFiles.saveNested(evaluator, "evaluator", path + "/evaluator");
    }
  }

  /** Reads a search saved as {@code searchClass}; a nested stage not saved is null. */
  public static Saved load(SparkContext sc, String path, Class<?> searchClass) {
    JsonNode meta = MetadataFiles.read(sc, path, searchClass);
    Estimator<?> estimator = exists(sc, path + "/estimator")
        ? MetadataFiles.<Estimator<?>>loadNested(sc, path + "/estimator") : null;
    Evaluator evaluator = exists(sc, path + "/evaluator")
        ? MetadataFiles.<Evaluator>loadNested(sc, path + "/evaluator") : null;
    return new Saved(meta.path("uid").asText(), meta, estimator, evaluator);
  }

  private static boolean exists(SparkContext sc, String dir) {
    try {
      Path p = new Path(dir);
      return p.getFileSystem(sc.hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }
}
