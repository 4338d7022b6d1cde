package org.sparktune.space;

import java.util.List;
import org.apache.spark.ml.param.Params;

/**
 * A stage that holds other stages whose params a search space may name, as a Pipeline holds its
 * stages. Binding a space looks inside such stages, and the pipeline planner treats a param of
 * a nested stage as a param of the stage that holds it.
 */
public interface NestedStages {

  /** The stages held, in their order. */
  List<? extends Params> nestedStages();
}
