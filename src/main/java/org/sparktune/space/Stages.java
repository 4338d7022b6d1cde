package org.sparktune.space;

import java.util.Map;
import org.apache.spark.ml.param.Params;

/**
 * The stages of an estimator as a search space binds them: the estimator itself and, for a
 * Pipeline, a PipelineModel or any {@link NestedStages}, its stages, recursively.
 */
public final class Stages {

  private Stages() {}

  /** Every stage of {@code estimator}, the estimator first, by uid. */
  public static Map<String, Params> byUid(Params estimator) {
    return ParamBinder.stagesByUid(estimator);
  }
}
