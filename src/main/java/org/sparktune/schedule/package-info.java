/**
 * Schedulers: what runs next, and at which budget. A {@link org.sparktune.schedule.Scheduler}
 * reads a study's progress ({@link org.sparktune.schedule.SchedulerView}: each trial's state and
 * the loss it reported at each rung) and answers with one {@link
 * org.sparktune.schedule.Decision}: start a new trial at a budget, run an existing trial at a
 * budget, prune or complete a trial, wait, or stop. {@link org.sparktune.schedule.FullBudget}
 * runs every trial once on all the data; {@link org.sparktune.schedule.SuccessiveHalving} runs
 * many candidates on small data fractions and promotes the best; {@link
 * org.sparktune.schedule.Hyperband} runs several brackets of it; {@link
 * org.sparktune.schedule.Asha} promotes without waiting for a rung to fill; {@link
 * org.sparktune.schedule.MedianStopping} and {@link org.sparktune.schedule.ThresholdStopping} run
 * every trial rung after rung and stop those a rule finds poor. Plain Java, no Spark: the
 * budgets are plain numbers that a {@link org.sparktune.schedule.Fidelity} says what they scale
 * ({@link org.sparktune.schedule.DataFraction}, or {@link org.sparktune.schedule.Iterations} of
 * an integer param), and that the trial loop in {@code exec} turns into fits; {@link
 * org.sparktune.schedule.FoldRacing} is the rule that stops a trial after one fold of a rung.
 */
package org.sparktune.schedule;
