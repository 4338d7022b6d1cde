package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Fidelity;
import org.sparktune.schedule.Iterations;
import org.sparktune.space.ParamRef;
import org.sparktune.space.SearchSpace;
import org.sparktune.space.Stages;

/**
 * A {@link Fidelity} resolved against an estimator: what a fold fit at a budget reads and the
 * params it runs with. Under {@link Iterations}, the named {@code IntParam} is found on the
 * estimator's stages (by name, or by {@code "<stage uid>.<name>"} when several stages have
 * one) and set per budget; the split then serves data fraction 1 only. Immutable.
 */
public final class FidelityPlan {

  private final Fidelity fidelity;
  private final IntParam param;

  private FidelityPlan(Fidelity fidelity, IntParam param) {
    this.fidelity = fidelity;
    this.param = param;
  }

  /** The data fraction as the fidelity: a budget's fraction is the data fraction it reads. */
  public static FidelityPlan dataFraction() {
    return new FidelityPlan(new DataFraction(), null);
  }

  /**
   * Resolves {@code fidelity} against {@code estimator}'s stages; fails, naming the fix, when
   * the iterations param is on no stage or on several, is not an IntParam, or is also in
   * {@code space}.
   */
  public static FidelityPlan bind(Fidelity fidelity, Params estimator, SearchSpace space) {
    if (!(fidelity instanceof Iterations it)) {
      return new FidelityPlan(fidelity, null);
    }
    Map<String, Params> stages = Stages.byUid(estimator);
    List<Params> owners = new ArrayList<>();
    for (Params stage : stages.values()) {
      boolean named = it.stageUid() == null || it.stageUid().equals(stage.uid());
      if (named && stage.hasParam(it.paramName())) {
        owners.add(stage);
      }
    }
    if (owners.isEmpty()) {
      throw FidelityErrors.paramNotInEstimator(it.param(), stages.keySet());
    }
    if (owners.size() > 1) {
      throw FidelityErrors.ambiguousParam(it.param(), owners.stream().map(Params::uid).toList());
    }
    Params owner = owners.get(0);
    Param<?> found = owner.getParam(it.paramName());
    if (!(found instanceof IntParam intParam)) {
      throw FidelityErrors.notIntParam(it.param(), owner.uid(), found.getClass().getSimpleName());
    }
    for (Map.Entry<String, ParamRef> e : space.paramRefs().entrySet()) {
      ParamRef ref = e.getValue();
      if (ref.stageUid().equals(owner.uid()) && ref.paramName().equals(it.paramName())) {
        throw FidelityErrors.alsoSearched(it.param(), e.getKey());
      }
    }
    return new FidelityPlan(fidelity, intParam);
  }

  /** The fidelity. */
  public Fidelity fidelity() {
    return fidelity;
  }

  /** The integer param the fidelity sets per budget, or null under data fraction. */
  public IntParam param() {
    return param;
  }

  /** The uid of the stage whose param the fidelity sets, or null under data fraction. */
  public String stageUid() {
    return param == null ? null : param.parent();
  }

  /** The data fractions the split must serve for {@code budgets}. */
  public List<Double> splitFractions(List<Budget> budgets) {
    List<Double> out = new ArrayList<>();
    for (Budget b : budgets) {
      double f = dataFraction(b);
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The fraction of each fold's training rows a fit at {@code budget} reads. */
  public double dataFraction(Budget budget) {
    return fidelity.dataFraction(budget.fraction());
  }

  /** The value the iterations param runs with at {@code budget}, or null under data fraction. */
  public Integer iterations(Budget budget) {
    return fidelity instanceof Iterations it ? it.at(budget.fraction()) : null;
  }

  /** {@code params} with the iterations param at its value for {@code budget}, when any. */
  public ParamMap at(ParamMap params, Budget budget) {
    Integer n = iterations(budget);
    return n == null ? params : params.copy().put(param, (Object) n);
  }

  /** {@code params} for a full-budget fit (the refit): the iterations param at its largest. */
  public ParamMap full(ParamMap params) {
    return at(params, new Budget(0, 1.0));
  }

  /** The budget as logs and job descriptions name it: a data fraction or an iteration count. */
  public String describe(Budget budget) {
    Integer n = iterations(budget);
    return n == null ? "data fraction " + budget.fraction() : param.name() + " " + n;
  }
}
