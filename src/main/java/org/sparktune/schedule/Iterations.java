package org.sparktune.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named integer param of the estimator as the fidelity: a rung at budget fraction f trains
 * each fold on all its training rows with the param set to {@link #at}{@code (f)} = {@code
 * max(minValue, round(f × maxValue))}, where {@code round} rounds half up ({@link
 * Math#round(double)}), and scores it on the fold's whole validation side. The best trial is
 * refitted with the param at {@code maxValue}.
 *
 * <pre>{@code
 * // successive halving over maxIter: rungs at 1/9, 1/3 and 1 run 9, 27 and 81 iterations
 * tuner.setFidelity(new Iterations("maxIter", 81))
 *     .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 9));
 * }</pre>
 *
 * <p>When the param is the {@code numTrees} of a {@code RandomForestClassifier} or {@code
 * RandomForestRegressor} and that forest is all a trial fits, a trial promoted to a later rung
 * keeps the trees each fold grew at its last rung and grows only the ones it lacks, with a seed
 * of their own: a forest's trees are independent of each other, so the forest it is scored on
 * is drawn as a forest of that many trees is. A promotion from 7 to 21 trees grows 14.
 *
 * <p>{@code param} is the param's name ({@code "maxIter"}), found on the one stage of the
 * estimator that has it, or {@code "<stage uid>.<name>"} when several stages have one. It must
 * be an {@code IntParam} that the search space neither searches nor fixes; {@code fit} checks
 * this before any training.
 *
 * @param param the param's name, optionally prefixed by its stage's uid and a dot
 * @param maxValue the value at budget fraction 1 and at refit, at least 1
 * @param minValue the smallest value a rung runs with, in [1, maxValue]
 */
public record Iterations(String param, int maxValue, int minValue) implements Fidelity {

  /** Checks the name and the values. */
  public Iterations {
    if (param == null || param.isBlank()) {
      throw ScheduleErrors.iterationsParamBlank();
    }
    if (maxValue < 1) {
      throw ScheduleErrors.iterationsMaxBelowOne(param, maxValue);
    }
    if (minValue < 1 || minValue > maxValue) {
      throw ScheduleErrors.iterationsMinOutside(param, minValue, maxValue);
    }
  }

  /** Iterations from 1 to {@code maxValue}. */
  public Iterations(String param, int maxValue) {
    this(param, maxValue, 1);
  }

  /** The param's value at budget fraction {@code f}: {@code max(minValue, round(f × max))}. */
  public int at(double f) {
    return (int) Math.max(minValue, Math.min(maxValue, Math.round(f * maxValue)));
  }

  /** The param's name without its stage prefix. */
  public String paramName() {
    int dot = param.lastIndexOf('.');
    return dot < 0 ? param : param.substring(dot + 1);
  }

  /** The stage uid prefix of {@link #param}, or null when it has none. */
  public String stageUid() {
    int dot = param.lastIndexOf('.');
    return dot < 0 ? null : param.substring(0, dot);
  }

  /** All the data, whatever the budget. */
  @Override
  public double dataFraction(double f) {
    return 1.0;
  }

  @Override
  public String name() {
    return "iterations";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("param", param);
    config.put("maxValue", maxValue);
    config.put("minValue", minValue);
    return config;
  }
}
