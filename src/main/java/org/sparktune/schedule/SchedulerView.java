package org.sparktune.schedule;

import java.util.List;
import java.util.Set;

/**
 * A study's progress as a scheduler reads it: plain values only.
 *
 * @param trials every trial of the study, by number
 * @param inFlight numbers of the trials that are running a budget now
 * @param canCreate whether a new trial may be started now (the trial budget is not spent and the
 *     sampler can propose another)
 * @param trialLimit how many trials the study may hold at most: its trial budget, or what the
 *     sampler can propose (a grid's size) when that is fewer
 */
public record SchedulerView(List<TrialProgress> trials, Set<Integer> inFlight,
    boolean canCreate, long trialLimit) {

  /** Copies the collections so the record stays immutable. */
  public SchedulerView {
    trials = List.copyOf(trials);
    inFlight = Set.copyOf(inFlight);
  }

  /** Whether trial {@code number} is running a budget now. */
  public boolean isInFlight(int number) {
    return inFlight.contains(number);
  }
}
