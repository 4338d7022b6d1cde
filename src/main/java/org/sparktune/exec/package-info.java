/**
 * Running a search on Spark. {@link org.sparktune.exec.SearchSpec} describes one search whole;
 * {@link org.sparktune.exec.SearchChecks} checks it against the input before any job; {@link
 * org.sparktune.exec.SearchRun} splits once, prepares the folds and runs the {@link
 * org.sparktune.exec.TrialLoop}, which hands out the scheduler's work items (a trial at a
 * budget) to up to {@code parallelism} workers; {@link org.sparktune.exec.FoldEvaluation} runs
 * one item as Spark jobs in the trial's job group over {@link
 * org.sparktune.exec.PreparedFolds}, whose pipeline prefix ({@link
 * org.sparktune.exec.PipelinePlan}) is fitted once per fold, at the budget its {@link
 * org.sparktune.exec.FidelityPlan} gives, growing a promoted trial's forests rather than
 * fitting them again when the budget is a forest's {@code numTrees} ({@link
 * org.sparktune.exec.ForestGrowth}); {@link org.sparktune.exec.FoldRace} races a rung's folds
 * when asked. Never imports the root package.
 */
package org.sparktune.exec;
