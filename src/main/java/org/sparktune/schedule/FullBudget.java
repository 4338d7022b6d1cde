package org.sparktune.schedule;

import java.util.List;
import java.util.Map;

/**
 * Every trial runs once, on all the data, and its result is final: plain cross-validated
 * search, as Spark's {@code CrossValidator} does it. The default scheduler.
 *
 * <p>It starts a new trial whenever a slot is free and the trial budget allows, completes each
 * trial when it reports, and re-runs a trial that was asked but never reported (a study resumed
 * after its driver died). Immutable and thread-safe.
 */
public final class FullBudget implements Scheduler {

  private static final long serialVersionUID = 1L;

  @Override
  public Decision next(SchedulerView view) {
    for (TrialProgress t : view.trials()) {
      if (t.isActive() && t.report(0).isPresent()) {
        return new Decision.Complete(t.number());
      }
    }
    for (TrialProgress t : view.trials()) {
      if (t.isActive() && !view.isInFlight(t.number())) {
        return new Decision.Run(t.number(), Budget.FULL);
      }
    }
    if (view.canCreate()) {
      return new Decision.Start(Budget.FULL);
    }
    return view.inFlight().isEmpty() ? Decision.DONE : Decision.WAIT;
  }

  @Override
  public int observedRung() {
    return 0;
  }

  @Override
  public List<Budget> budgets(long trialLimit) {
    return List.of(Budget.FULL);
  }

  @Override
  public List<Long> candidates(long trialLimit) {
    return List.of(trialLimit);
  }

  @Override
  public String name() {
    return "fullBudget";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FullBudget;
  }

  @Override
  public int hashCode() {
    return FullBudget.class.hashCode();
  }

  @Override
  public String toString() {
    return "FullBudget";
  }
}
