package org.sparktune.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparktune.study.Rung;
import org.sparktune.study.Trial;

/**
 * The trials' metrics at one budget, which the parallel coordinates, the slice plots and the
 * importance compare: trials judged at different budgets are not comparable. The budget is the
 * largest at which at least {@link #ENOUGH} trials have a result (a complete rung), else the
 * one with the most results. With one budget (no multi-fidelity schedule), every trial with a
 * result.
 *
 * @param budget the budget fraction chosen, NaN when no trial has a result
 * @param trials the trials with a result at it, by number
 * @param values their metric at it, in the same order
 */
record Scores(double budget, List<Trial> trials, List<Double> values) {

  /** How many results at a budget make it the one to compare. */
  static final int ENOUGH = 8;

  Scores {
    trials = List.copyOf(trials);
    values = List.copyOf(values);
  }

  /** The scores of {@code in}'s trials. */
  static Scores of(ReportInput in) {
    Map<Double, Integer> counts = new TreeMap<>();
    for (Trial t : in.trials()) {
      for (Rung r : t.rungs()) {
        if (!r.partial()) {
          counts.merge(r.budget(), 1, Integer::sum);
        }
      }
    }
    double chosen = Double.NaN;
    int most = 0;
    boolean enough = false;
    // Ascending budgets: the largest with enough results; failing that, the most results.
    for (Map.Entry<Double, Integer> e : counts.entrySet()) {
      int n = e.getValue();
      if (n >= ENOUGH) {
        chosen = e.getKey();
        enough = true;
      } else if (!enough && n >= most) {
        chosen = e.getKey();
        most = n;
      }
    }
    List<Trial> trials = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Trial t : in.trials()) {
      Double v = at(t, chosen);
      if (v != null) {
        trials.add(t);
        values.add(v);
      }
    }
    return new Scores(chosen, trials, values);
  }

  /** Trial {@code t}'s metric at {@code budget}: its last complete rung there, or null. */
  static Double at(Trial t, double budget) {
    Double value = null;
    for (Rung r : t.rungs()) {
      if (!r.partial() && r.budget() == budget && !Double.isNaN(r.value())) {
        value = r.value();
      }
    }
    return value;
  }

  /** How many distinct budgets the trials' complete rungs ran at. */
  static long budgetCount(ReportInput in) {
    return in.trials().stream().flatMap(t -> t.rungs().stream()).filter(r -> !r.partial())
        .mapToDouble(Rung::budget).distinct().count();
  }

  /** Whether no trial has a result. */
  boolean isEmpty() {
    return trials.isEmpty();
  }

  /** The budget as the page shows it. */
  String budgetText() {
    return Format.number(budget);
  }
}
