package org.sparktune.exec;

import java.util.List;
import org.sparktune.study.Direction;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * The study-level stops a {@link TrialLoop} checks before it asks a trial: no improvement in
 * {@code n} trials, and a target value reached. Each reads the finished trials (COMPLETE,
 * PRUNED or FAILED) numbered below a bound, in trial-number order, so that in reproducible
 * order the trials a study asks do not depend on timing (see {@link TrialLoop}).
 *
 * <ul>
 *   <li>No improvement: a COMPLETE trial improves when its value is strictly better, in the
 *       study's direction, than the value of every COMPLETE trial numbered below it (the first
 *       COMPLETE trial improves). The streak is the number of finished trials numbered above the
 *       last improving one (every finished trial when none improved); it stops the study once
 *       it reaches {@code noImprovementTrials}. PRUNED and FAILED trials count in the streak:
 *       they did not improve the best value.
 *   <li>Target: a COMPLETE trial whose value is at least the target (maximizing) or at most it
 *       (minimizing) stops the study.
 * </ul>
 *
 * @param direction the study's direction
 * @param noImprovementTrials the streak that stops the study, 0 for no such stop
 * @param target the value that stops the study once a COMPLETE trial reaches it, or null
 */
record StudyStops(Direction direction, int noImprovementTrials, Double target) {

  /** Whether any stop is set. */
  boolean any() {
    return noImprovementTrials > 0 || target != null;
  }

  /**
   * The reason to ask no more trials, seen from the finished trials numbered below {@code
   * before} in {@code trials} (by number), or null to go on. A target reached comes first.
   */
  TrialLoop.Ending check(List<Trial> trials, int before) {
    Double best = null;
    int streak = 0;
    for (Trial t : trials) {
      if (t.number() >= before) {
        break;
      }
      if (!t.state().isFinished()) {
        continue;
      }
      boolean complete = t.state() == TrialState.COMPLETE;
      if (complete && target != null && !direction.isBetter(target, t.value())) {
        return TrialLoop.Ending.TARGET_REACHED;
      }
      if (complete && (best == null || direction.isBetter(t.value(), best))) {
        best = t.value();
        streak = 0;
      } else {
        streak++;
      }
    }
    return noImprovementTrials > 0 && streak >= noImprovementTrials
        ? TrialLoop.Ending.NO_IMPROVEMENT : null;
  }

  /** What {@code ending} means, for the log. */
  String describe(TrialLoop.Ending ending) {
    return ending == TrialLoop.Ending.TARGET_REACHED
        ? "a COMPLETE trial reached the target value " + target
        : noImprovementTrials + " finished trial(s) in a row did not improve the best value";
  }
}
