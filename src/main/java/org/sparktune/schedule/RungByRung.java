package org.sparktune.schedule;

import java.util.List;

/**
 * The schedule of the stopping rules: every trial runs rung after rung until a rule stops it
 * or it reports at the top rung.
 */
final class RungByRung {

  private RungByRung() {}

  /** Whether a trial stops after its report at a rung below the top. */
  @FunctionalInterface
  interface StopRule {
    boolean stops(TrialProgress trial, RungReport report, SchedulerView view);
  }

  /**
   * In this order: complete a trial (not running) that reported at the top rung, or prune one
   * whose last report the rule stops; run the lowest-numbered trial that is not running at the
   * rung above its last report (rung 0 before any); start a new trial at rung 0; wait while any
   * trial runs; say Done.
   */
  static Decision next(SchedulerView view, List<Budget> rungs, StopRule rule) {
    int top = rungs.size() - 1;
    for (TrialProgress t : view.trials()) {
      int last = Rungs.lastRung(t);
      if (!t.isActive() || view.isInFlight(t.number()) || last < 0) {
        continue;
      }
      if (last == top) {
        return new Decision.Complete(t.number());
      }
      if (rule.stops(t, t.report(last).orElseThrow(), view)) {
        return new Decision.Prune(t.number());
      }
    }
    for (TrialProgress t : view.trials()) {
      if (t.isActive() && !view.isInFlight(t.number())) {
        return new Decision.Run(t.number(), rungs.get(Rungs.lastRung(t) + 1));
      }
    }
    if (view.canCreate()) {
      return new Decision.Start(rungs.get(0));
    }
    return view.inFlight().isEmpty() ? Decision.DONE : Decision.WAIT;
  }
}
