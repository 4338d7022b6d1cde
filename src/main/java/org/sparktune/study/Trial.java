package org.sparktune.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One trial of a study: the parameters tried, every rung it ran, and how it ended. Immutable: a
 * study replaces a trial's record at each event.
 *
 * @param number the trial's number in its study, from 0, in the order asked
 * @param params sampled values by dimension name (Double, Long, String, Boolean)
 * @param state where the trial stands
 * @param values its objective values once COMPLETE (one per objective; today one), else empty
 * @param rungs every rung it reported, in the order reported
 * @param seed the trial's seed, derived from the study seed and the number
 * @param start when the trial was asked
 * @param end when it finished, or null while running
 * @param error why it failed or was pruned, or null
 */
public record Trial(int number, Map<String, Object> params, TrialState state,
    List<Double> values, List<Rung> rungs, long seed, Instant start, Instant end,
    String error) {

  /** Copies the collections so the record stays immutable. */
  public Trial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    values = List.copyOf(values);
    rungs = List.copyOf(rungs);
  }

  /** A trial just asked. */
  static Trial created(int number, Map<String, Object> params, long seed, Instant start) {
    return new Trial(number, params, TrialState.RUNNING, List.of(), List.of(), seed, start,
        null, null);
  }

  /** This trial with {@code rung} reported. */
  Trial withRung(Rung rung) {
    List<Rung> all = new ArrayList<>(rungs);
    all.add(rung);
    return new Trial(number, params, state, values, all, seed, start, end, error);
  }

  /** This trial ended in {@code to} at {@code when}. */
  Trial ended(TrialState to, List<Double> finalValues, String why, Instant when) {
    return new Trial(number, params, to, finalValues, rungs, seed, start, when, why);
  }

  /** The objective (the first value) once COMPLETE, else NaN. */
  public double value() {
    return values.isEmpty() ? Double.NaN : values.get(0);
  }

  /** The fold metrics of its last rung; empty before any. */
  public List<Double> foldMetrics() {
    return rungs.isEmpty() ? List.of() : rungs.get(rungs.size() - 1).foldValues();
  }

  /** Its last rung, if it reported one. */
  public Optional<Rung> lastRung() {
    return rungs.isEmpty() ? Optional.empty() : Optional.of(rungs.get(rungs.size() - 1));
  }

  /** Its report at rung {@code index}, if it made one; a partial rung is no report. */
  public Optional<Rung> rung(int index) {
    for (Rung r : rungs) {
      if (r.rung() == index && !r.partial()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The largest budget it reported at, or NaN before any report. */
  public double budget() {
    return rungs.stream().mapToDouble(Rung::budget).max().orElse(Double.NaN);
  }

  /**
   * The value the iterations fidelity set its param to at its last rung, or null under the
   * data-fraction fidelity or before any rung.
   */
  public Integer iterations() {
    return lastRung().map(Rung::iterations).orElse(null);
  }

  /** Standard deviation (population) of the last rung's fold metrics, NaN with none. */
  public double foldStd() {
    List<Double> folds = foldMetrics();
    if (folds.isEmpty()) {
      return Double.NaN;
    }
    double mean = folds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = folds.stream().mapToDouble(m -> (m - mean) * (m - mean)).sum();
    return Math.sqrt(ss / folds.size());
  }
}
