/**
 * Running trials: {@link org.sparktune.exec.TrialLoop} asks and tells a study with up to
 * {@code parallelism} trials at once; {@link org.sparktune.exec.FoldEvaluation} runs one trial
 * as Spark jobs in its own job group over {@link org.sparktune.exec.PreparedFolds}, whose
 * pipeline prefix ({@link org.sparktune.exec.PipelinePlan}) is fitted once per fold.
 */
package org.sparktune.exec;
