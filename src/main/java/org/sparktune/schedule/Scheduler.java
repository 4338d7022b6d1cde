package org.sparktune.schedule;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Decides what a study runs next and at which budget: the seam between the sampler, which
 * proposes parameters, and the trial loop, which runs {@code (trial, budget)} work items on
 * Spark. Plain Java: no Spark types.
 *
 * <p>Contract: {@link #next} depends only on the view it is given, never on time or on state
 * kept between calls, so a study replayed from its log is scheduled exactly as the first run
 * was, and one instance may serve several studies at once. A scheduler holds configuration
 * only. {@link #validate} rejects, before any training, a configuration that cannot run with
 * the study's trial budget and sampler.
 */
public interface Scheduler extends Serializable {

  /** What to do next, given the study's progress. */
  Decision next(SchedulerView view);

  /**
   * The rung whose reports samplers see as observations: a model-based sampler models the
   * losses trials reported at this rung, and treats trials without one as running.
   */
  int observedRung();

  /**
   * The rung whose reports the sampler models when it proposes the next trial, given the
   * study's progress: BOHB's choice of budget for schedulers whose trials stop at different
   * rungs. Like {@link #next}, a function of the view only. The default is {@link
   * #observedRung()}, for schedulers whose observed rung never moves.
   */
  default int observedRung(SchedulerView view) {
    return observedRung();
  }

  /**
   * The budgets this scheduler runs, rung by rung, for a study of at most {@code trialLimit}
   * trials (see {@link SchedulerView#trialLimit}).
   */
  List<Budget> budgets(long trialLimit);

  /**
   * How many trials each rung runs, for a study of at most {@code trialLimit} trials; the
   * same length as {@link #budgets}.
   */
  List<Long> candidates(long trialLimit);

  /**
   * Throws {@link IllegalArgumentException} naming the fix if this scheduler cannot run a study
   * of {@code maxTrials} trials whose sampler proposes at most {@code samplerCapacity}.
   */
  default void validate(int maxTrials, long samplerCapacity) {}

  /**
   * The scheduler a study of {@code parallelism} trials at once and at most {@code trialLimit}
   * trials runs in place of this one, which is what it records in its trials' provenance. Every
   * scheduler but {@link MultiFidelity}, which leaves the algorithm to the parallelism, returns
   * itself.
   */
  default Scheduler resolve(int parallelism, long trialLimit) {
    return this;
  }

  /** Short stable name, used in JSON and provenance: {@code "fullBudget"}, … */
  String name();

  /** The configuration as plain values, for JSON and provenance; see {@link Schedulers}. */
  Map<String, Object> config();
}
