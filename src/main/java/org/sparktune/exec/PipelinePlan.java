package org.sparktune.exec;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Params;
import org.sparktune.space.NestedStages;

/**
 * Splits an estimator into the prefix no trial changes and the rest each trial fits.
 *
 * <p>For a {@link Pipeline}, the prefix is the leading stages that hold none of the tuned params
 * (assemblers, indexers, scalers): fitting them depends on the fold only, so they are fitted
 * once per fold and applied to each read of the fold (see {@link PreparedFolds}). Any other
 * estimator has no prefix. Immutable.
 */
public final class PipelinePlan {

  private final Pipeline prefix;
  private final Estimator<?> rest;
  private final int prefixLength;

  private PipelinePlan(Pipeline prefix, Estimator<?> rest, int prefixLength) {
    this.prefix = prefix;
    this.rest = rest;
    this.prefixLength = prefixLength;
  }

  /**
   * Plans {@code estimator} given the uids of the stages that tuned params belong to.
   *
   * @param tunedStageUids stage uids of every searched or fixed param
   */
  public static PipelinePlan of(Estimator<?> estimator, Set<String> tunedStageUids) {
    if (!(estimator instanceof Pipeline pipeline)) {
      return new PipelinePlan(null, estimator, 0);
    }
    PipelineStage[] stages = pipeline.getStages();
    int k = 0;
    while (k < stages.length - 1 && !touches(stages[k], tunedStageUids)) {
      k++;
    }
    if (k == 0) {
      return new PipelinePlan(null, estimator, 0);
    }
    Pipeline head = new Pipeline().setStages(Arrays.copyOfRange(stages, 0, k));
    Pipeline tail = new Pipeline().setStages(Arrays.copyOfRange(stages, k, stages.length));
    return new PipelinePlan(head, tail, k);
  }

  private static boolean touches(Params stage, Set<String> uids) {
    if (uids.contains(stage.uid())) {
      return true;
    }
    if (stage instanceof Pipeline p && p.isDefined(p.stages())) {
      Set<String> seen = new HashSet<>();
      for (PipelineStage s : p.getStages()) {
        if (seen.add(s.uid()) && touches(s, uids)) {
          return true;
        }
      }
    }
    if (stage instanceof NestedStages nested) {
      for (Params s : nested.nestedStages()) {
        if (touches(s, uids)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The stages fitted once per fold, or null when there are none. */
  public Pipeline prefix() {
    return prefix;
  }

  /** What each trial fits on the prefix's output. */
  public Estimator<?> rest() {
    return rest;
  }

  /** How many leading stages the prefix holds. */
  public int prefixLength() {
    return prefixLength;
  }
}
