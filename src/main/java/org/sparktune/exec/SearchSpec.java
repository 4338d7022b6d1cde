package org.sparktune.exec;

import java.time.Duration;
import java.util.Objects;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Fidelity;
import org.sparktune.schedule.FullBudget;
import org.sparktune.schedule.Scheduler;
import org.sparktune.search.Sampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Splitter;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Study;
import org.sparktune.study.TrialStore;

/**
 * One search, described whole and immutably: what {@link SearchRun} runs. Built with {@link
 * #builder()}; the estimator, evaluator, space, sampler and splitter are required, the rest
 * have defaults (full-budget scheduler, the data-fraction fidelity, no fold racing, an
 * in-memory store, study name {@value
 * Study#DEFAULT_NAME}, 20 trials, 1 at a time, as many full fits in flight as trials, seed 0,
 * no timeout, no trial timeout, no study-level stop, refit on, reproducible).
 *
 * @param estimator what each trial fits
 * @param evaluator how each fold is scored
 * @param space the space, bound to {@code estimator}
 * @param sampler proposes trials
 * @param scheduler decides the budget each trial runs at
 * @param fidelity what a budget scales: the data fraction, or an iteration param
 * @param raceFolds whether each rung runs one fold first and stops a trial that cannot reach
 *     the top (see {@link FoldRace})
 * @param splitter cuts the folds
 * @param store where the study's events are kept
 * @param studyName the study's name in its store
 * @param input the data the study reads, as its events record it ({@code
 *     delta:<table>@<version>}), or empty for a DataFrame
 * @param loop parallelism, trial budget, timeouts, study-level stops and order of the trial
 *     loop
 * @param fitsInFlight full-data fold fits that may run at once, a fit at data fraction f
 *     counting as f; 0 for no bound beyond parallelism × folds
 * @param minValidationRows the fewest validation rows a rung below full data is scored on
 * @param seed study seed
 * @param refit whether to fit the best params on all the data
 */
public record SearchSpec(Estimator<?> estimator, Evaluator evaluator, SearchSpace space,
    Sampler sampler, Scheduler scheduler, Fidelity fidelity, boolean raceFolds,
    Splitter splitter, TrialStore store, String studyName, String input,
    LoopSettings loop, int fitsInFlight, long minValidationRows, long seed, boolean refit) {

  /** The fewest validation rows a rung below full data is scored on, unless told otherwise. */
  public static final long DEFAULT_MIN_VALIDATION_ROWS = 10_000;

  /** Checks that every part is there. */
  public SearchSpec {
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(sampler, "sampler");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(fidelity, "fidelity");
    Objects.requireNonNull(splitter, "splitter");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(studyName, "studyName");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(loop, "loop");
  }

  /** A builder with the defaults above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchSpec}; not thread-safe. */
  public static final class Builder {
    private Estimator<?> estimator;
    private Evaluator evaluator;
    private SearchSpace space;
    private Sampler sampler;
    private Scheduler scheduler = new FullBudget();
    private Fidelity fidelity = new DataFraction();
    private boolean raceFolds;
    private Splitter splitter;
    private TrialStore store;
    private String studyName = Study.DEFAULT_NAME;
    private String input = "";
    private int parallelism = 1;
    private int maxTrials = 20;
    private Duration timeout;
    private Duration trialTimeout;
    private int noImprovementTrials;
    private Double targetMetric;
    private boolean reproducible = true;
    private long seed;
    private boolean refit = true;
    private Integer fitsInFlight;
    private long minValidationRows = DEFAULT_MIN_VALIDATION_ROWS;

    private Builder() {}

    public Builder estimator(Estimator<?> value) {
      estimator = value;
      return this;
    }

    public Builder evaluator(Evaluator value) {
      evaluator = value;
      return this;
    }

    public Builder space(SearchSpace value) {
      space = value;
      return this;
    }

    public Builder sampler(Sampler value) {
      sampler = value;
      return this;
    }

    public Builder scheduler(Scheduler value) {
      scheduler = value;
      return this;
    }

    /** What a budget scales (default: the data fraction). */
    public Builder fidelity(Fidelity value) {
      fidelity = value;
      return this;
    }

    /** Whether to race folds at each rung (default false). */
    public Builder raceFolds(boolean value) {
      raceFolds = value;
      return this;
    }

    public Builder splitter(Splitter value) {
      splitter = value;
      return this;
    }

    /** The store the study's events go to (default: a new in-memory store). */
    public Builder store(TrialStore value) {
      store = value;
      return this;
    }

    /** The data the study reads, as its events record it; empty (the default) for none. */
    public Builder input(String value) {
      input = value;
      return this;
    }

    public Builder studyName(String value) {
      studyName = value;
      return this;
    }

    public Builder parallelism(int value) {
      parallelism = value;
      return this;
    }

    public Builder maxTrials(int value) {
      maxTrials = value;
      return this;
    }

    /** Wall-clock budget, or null for none. */
    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    /** Wall-clock budget of each work item (a trial at one budget), or null for none. */
    public Builder trialTimeout(Duration value) {
      trialTimeout = value;
      return this;
    }

    /** Finished trials in a row without a better value that stop the study; 0 for none. */
    public Builder noImprovementTrials(int value) {
      noImprovementTrials = value;
      return this;
    }

    /** The value that stops the study once a COMPLETE trial reaches it, or null for none. */
    public Builder targetMetric(Double value) {
      targetMetric = value;
      return this;
    }

    public Builder reproducible(boolean value) {
      reproducible = value;
      return this;
    }

    /** Full-data fold fits at once (default: parallelism, what CrossValidator holds). */
    public Builder fitsInFlight(int value) {
      fitsInFlight = value;
      return this;
    }

    /** The fewest validation rows a rung below full data is scored on (default 10,000). */
    public Builder minValidationRows(long value) {
      minValidationRows = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder refit(boolean value) {
      refit = value;
      return this;
    }

    /** The spec; fails if a required part is missing. */
    public SearchSpec build() {
      return new SearchSpec(estimator, evaluator, space, sampler, scheduler, fidelity,
          raceFolds, splitter,
          store == null ? new InMemoryTrialStore() : store, studyName, input,
          new LoopSettings(parallelism, maxTrials, timeout, reproducible, trialTimeout,
              noImprovementTrials, targetMetric),
          fitsInFlight == null ? parallelism : fitsInFlight, minValidationRows, seed, refit);
    }
  }
}
