package org.sparktune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparktune.delta.DeltaInput;
import org.sparktune.delta.DeltaStudyLog;
import org.sparktune.delta.ModelRegistry;
import org.sparktune.exec.FidelityPlan;
import org.sparktune.exec.FoldRace;
import org.sparktune.exec.InputErrors;
import org.sparktune.exec.Provenance;
import org.sparktune.exec.SearchChecks;
import org.sparktune.exec.SearchRun;
import org.sparktune.exec.SearchSpec;
import org.sparktune.internal.JsonParam;
import org.sparktune.persist.SearchFiles;
import org.sparktune.persist.StageIo;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Fidelities;
import org.sparktune.schedule.Fidelity;
import org.sparktune.schedule.FullBudget;
import org.sparktune.schedule.MultiFidelity;
import org.sparktune.schedule.Scheduler;
import org.sparktune.schedule.Schedulers;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.Sampler;
import org.sparktune.search.Samplers;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.KFold;
import org.sparktune.split.Splitter;
import org.sparktune.split.Splitters;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Study;
import org.sparktune.study.TrialStore;

/**
 * Tunes the params of an estimator (usually a {@code Pipeline}): a Spark ML {@link Estimator}
 * whose {@link #fit} runs a study — trials proposed by a {@link Sampler} over a
 * {@link SearchSpace}, each scored by cross-validation on the folds of a {@link Splitter},
 * {@code parallelism} trials at a time as concurrent Spark jobs — and returns a
 * {@link TunedModel} holding the best params refitted on all the data and every trial.
 *
 * <pre>{@code
 * HyperparameterSearch tuner = new HyperparameterSearch()
 *     .setEstimator(pipeline)
 *     .setEvaluator(new BinaryClassificationEvaluator())
 *     .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))
 *     .setSampler(new RandomSampler())
 *     .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
 *     .setMaxTrials(20).setParallelism(2).setSeed(7);
 * TunedModel model = tuner.fit(train);
 * }</pre>
 *
 * <p>Bad input (a param of no stage, a missing column, an evaluator the model cannot feed, an
 * empty input, …) fails in {@link #transformSchema}, which {@code fit} calls first, before any
 * job. A trial that throws is recorded FAILED and the search goes on; if every trial fails,
 * {@code fit} throws a {@link org.sparktune.study.TuningException} with the first error.
 * Like every MLlib estimator, an instance is not meant to be configured from several threads.
 */
public final class HyperparameterSearch extends Estimator<TunedModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<Estimator<?>> estimator;
  private final Param<Evaluator> evaluator;
  private final Param<SearchSpace> searchSpace;
  private final Param<Sampler> sampler;
  private final Param<Splitter> splitter;
  private final Param<Scheduler> scheduler;
  private final Param<Fidelity> fidelity;
  private final BooleanParam raceFolds;
  private final Param<String> studyName;
  private final Param<String> modelRegistry;
  private final Param<String> studyLog;
  private final BooleanParam reproducible;
  private final IntParam fitsInFlight;
  private final LongParam minValidationRows;
  private final IntParam maxTrials;
  private final IntParam parallelism;
  private final LongParam seed;
  private final DoubleParam timeout;
  private final DoubleParam trialTimeout;
  private final IntParam stopAfterNoImprovement;
  private final DoubleParam targetMetric;
  private final BooleanParam refit;
  private transient TrialStore trialStore;

  /** A search with a random uid. */
  public HyperparameterSearch() {
    this(Identifiable.randomUID("hyperparameterSearch"));
  }

  /** A search with the given uid. */
  public HyperparameterSearch(String uid) {
    this.uid = uid;
    estimator = new Param<>(this, "estimator", "estimator whose params are tuned");
    evaluator = new Param<>(this, "evaluator", "evaluator that scores each fold");
    searchSpace = new JsonParam<>(this, "searchSpace", "the params searched and their ranges",
        SearchSpace::toJson, SearchSpace::fromJson);
    sampler = new JsonParam<>(this, "sampler", "proposes each trial's params",
        Samplers::toJson, Samplers::fromJson);
    splitter = new JsonParam<>(this, "splitter", "cuts the (train, validation) folds",
        Splitters::toJson, Splitters::fromJson);
    scheduler = new JsonParam<>(this, "scheduler", "decides the data fraction each trial runs"
        + " at, and which trials go on", Schedulers::toJson, Schedulers::fromJson);
    fidelity = new JsonParam<>(this, "fidelity", "what a scheduler's budget fraction scales:"
        + " the data fraction, or an integer param of the estimator", Fidelities::toJson,
        Fidelities::fromJson);
    raceFolds = new BooleanParam(this, "raceFolds", "whether each rung runs one fold first and"
        + " stops a trial that cannot reach the top on the others");
    studyName = new Param<>(this, "studyName", "the study's name in its trial store");
    studyLog = new Param<>(this, "studyLog", "the path of a Delta table that logs the study's"
        + " events, replayed when the study resumes; empty for none");
    modelRegistry = new Param<>(this, "modelRegistry", "a folder where the refitted best model"
        + " is saved and registered in a Delta table; empty for none");
    reproducible = new BooleanParam(this, "reproducible", "whether proposals depend on trial"
        + " numbers only, so the same seed gives the same study at any timing");
    fitsInFlight = new IntParam(this, "fitsInFlight", "full-data fold fits that may run at"
        + " once, a fit at data fraction f counting as f; 0 for parallelism (>= 0)",
        ParamValidators.gtEq(0));
    minValidationRows = new LongParam(this, "minValidationRows", "the fewest validation rows a"
        + " rung below full data is scored on (>= 1)", ParamValidators.gtEq(1));
    maxTrials = new IntParam(this, "maxTrials", "largest number of trials (>= 1)",
        ParamValidators.gtEq(1));
    parallelism = new IntParam(this, "parallelism", "trials run at once (>= 1)",
        ParamValidators.gtEq(1));
    seed = new LongParam(this, "seed", "random seed of the study and the folds");
    timeout = new DoubleParam(this, "timeout", "wall-clock budget of the search in seconds,"
        + " from its start to the last trial, the refit aside; 0 for none (>= 0)",
        ParamValidators.gtEq(0));
    trialTimeout = new DoubleParam(this, "trialTimeout", "wall-clock budget in seconds of each"
        + " trial at each data fraction it runs (each rung has its own); 0 for none (>= 0)",
        ParamValidators.gtEq(0));
    stopAfterNoImprovement = new IntParam(this, "stopAfterNoImprovement", "finished trials in"
        + " a row, by trial number, without a better value that stop the study; 0 for none"
        + " (>= 0)", ParamValidators.gtEq(0));
    targetMetric = new DoubleParam(this, "targetMetric", "the metric value that stops the"
        + " study once a COMPLETE trial reaches it, in the evaluator's direction; unset for"
        + " none (finite)", v -> Double.isFinite((Double) v));
    refit = new BooleanParam(this, "refit", "whether to fit the best params on all the data");
    setDefault(sampler, new RandomSampler());
    setDefault(splitter, new KFold());
    setDefault(scheduler, new FullBudget());
    setDefault(fidelity, new DataFraction());
    setDefault(raceFolds, false);
    setDefault(studyName, Study.DEFAULT_NAME);
    setDefault(modelRegistry, "");
    setDefault(studyLog, "");
    setDefault(reproducible, true);
    setDefault(fitsInFlight, 0);
    setDefault(minValidationRows, SearchSpec.DEFAULT_MIN_VALIDATION_ROWS);
    setDefault(maxTrials, 20);
    setDefault(parallelism, 1);
    setDefault(seed, (long) getClass().getName().hashCode());
    setDefault(timeout, 0.0);
    setDefault(trialTimeout, 0.0);
    setDefault(stopAfterNoImprovement, 0);
    setDefault(refit, true);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The estimator whose params are tuned, usually a Pipeline. */
  public Param<Estimator<?>> estimator() {
    return estimator;
  }

  /** The evaluator that scores each fold; its direction is the study's. */
  public Param<Evaluator> evaluator() {
    return evaluator;
  }

  /** The params searched and their ranges. */
  public Param<SearchSpace> searchSpace() {
    return searchSpace;
  }

  /** What proposes each trial (default {@link RandomSampler}). */
  public Param<Sampler> sampler() {
    return sampler;
  }

  /** What cuts the folds (default 3-fold {@link KFold}). */
  public Param<Splitter> splitter() {
    return splitter;
  }

  /**
   * What decides the data fraction each trial runs at and which trials go on (default {@link
   * FullBudget}: every trial on all the data, as CrossValidator does). {@link MultiFidelity}
   * asks for early stopping without naming the algorithm: {@code fit} runs {@link
   * org.sparktune.schedule.Asha} when parallelism is above 1 and successive halving at 1, and
   * records the one it ran in the trials' provenance ({@code scheduler}), with the choice as set
   * ({@code schedulerChoice}); this param keeps the choice, so a saved search resolves it again.
   */
  public Param<Scheduler> scheduler() {
    return scheduler;
  }

  /**
   * What a scheduler's budget fraction f scales (default {@link DataFraction}): under {@code
   * DataFraction}, each fold trains on the nested subsample of its training rows at f; under
   * {@link org.sparktune.schedule.Iterations}{@code (param, maxValue, minValue)}, each fold
   * trains on all its rows with the named IntParam set to {@code max(minValue, round(f ×
   * maxValue))} and is scored on its whole validation side. Either way the refit runs at full
   * budget: all the data, and the param at maxValue. Each rung records the count it ran with.
   */
  public Param<Fidelity> fidelity() {
    return fidelity;
  }

  /**
   * Whether each rung races its folds (default false): a trial first runs fold 1 alone and
   * stops, PRUNED without fitting its other folds, when even the best value any trial reached
   * on each of them could not lift its mean to the ⌈m/η⌉-th best of the m trials that
   * completed the rung (η the scheduler's reduction factor, 3 without one; racing starts once
   * m ≥ ⌈η⌉ + 1). In reproducible order trial n races against the trials numbered n -
   * parallelism and below, as its sampler sees them. See {@link FoldRace}. Needs 2 or more
   * folds; combines with either fidelity and any scheduler.
   */
  public BooleanParam raceFolds() {
    return raceFolds;
  }

  /** The study's name in its trial store (default {@value Study#DEFAULT_NAME}). */
  public Param<String> studyName() {
    return studyName;
  }

  /**
   * A folder where each fit saves its refitted best model (MLlib format, under {@code
   * models/<studyName>/}) and appends a row for it to the Delta table {@code registry} there
   * (see {@link ModelRegistry}); {@link TunedModel#latest} loads a study's newest. Empty (the
   * default) for none. Needs {@code refit}.
   */
  public Param<String> modelRegistry() {
    return modelRegistry;
  }

  /**
   * The path of a Delta table that logs the study's events ({@link DeltaStudyLog}), one blind
   * append each, shared by the studies that name it and filtered by {@code studyName}: a fit
   * with a log that holds the study's events resumes it, re-running a trial its last driver left
   * mid-rung and counting {@code maxTrials} over every run. Empty (the default) for none; not
   * with {@link #setTrialStore}.
   */
  public Param<String> studyLog() {
    return studyLog;
  }

  /**
   * Whether proposals depend on trial numbers only (default true): with a seed, {@code fit}
   * gives the same trials, params and metrics at the same parallelism whatever the timing.
   * Trial n then sees the results of trials n - parallelism and below, waiting for a late one;
   * samplers that do not read the history (grid, random, QMC, start-up trials) never wait.
   * False lets a model-based sampler use whatever has finished when a slot frees up.
   */
  public BooleanParam reproducible() {
    return reproducible;
  }

  /**
   * How many full-data fold fits may run at once, a fit at data fraction f counting as f
   * (default 0: as many as {@link #parallelism}). MLlib estimators cache their own working set
   * during a fit, so this bounds the cached bytes a study adds to its one fold cache: at the
   * default, what CrossValidator holds at the same parallelism, while the small rungs of a
   * multi-fidelity schedule still run many fits at once. Raise it (up to parallelism × folds)
   * to fit a trial's folds at once on full data when executors have the memory.
   */
  public IntParam fitsInFlight() {
    return fitsInFlight;
  }

  /**
   * The fewest validation rows a rung below full data is scored on (default 10,000). A rung at
   * data fraction f trains each fold on its nested subsample {@code u < f} and scores it on the
   * same fraction of the fold's validation rows, so that it costs about f of a full rung; this
   * floor keeps a small rung's ranking from resting on a few rows. The cache serves the
   * schedule's rung fractions only, so a floor above f is rounded up to the smallest rung
   * fraction at or above it, or to all the fold's validation rows. A fold with fewer validation
   * rows is scored on all of them; a rung on all the data always is.
   */
  public LongParam minValidationRows() {
    return minValidationRows;
  }

  /** Largest number of trials (default 20); a grid stops at its size. */
  public IntParam maxTrials() {
    return maxTrials;
  }

  /** Trials run at once (default 1). */
  public IntParam parallelism() {
    return parallelism;
  }

  /** Seed of the study and of the folds. */
  public LongParam seed() {
    return seed;
  }

  /**
   * Wall-clock budget of the search in seconds, 0 for none (default 0). The clock starts when
   * the search starts (splitting and caching the folds included) and stops before the refit of
   * the best params on all the data, which runs whole after it: with {@link #refit} off, {@code
   * fit} returns within a second or two of the budget. At the budget no trial starts, the running
   * ones are cancelled (their Spark jobs, and any they would submit later, through their job
   * groups), the search waits at most a second for them, and a result finished after the budget
   * does not count: such a trial is PRUNED, at the data fraction of its last finished rung if it
   * has one, with a reason naming the timeout. The model's {@link TunedModel#stopReason} is then
   * TIMEOUT.
   */
  public DoubleParam timeout() {
    return timeout;
  }

  /**
   * Wall-clock budget in seconds of each work item, a trial at one data fraction, 0 for none
   * (default 0). Each rung of a trial has its own clock, started when the rung starts (waiting
   * for a promotion between rungs does not count), so a budget that fits a full-data rung fits
   * every rung. An item past it is cancelled as at {@link #timeout} and its trial PRUNED at the
   * data fraction of its last finished rung, with a reason naming the trial timeout; the study
   * goes on with other trials.
   */
  public DoubleParam trialTimeout() {
    return trialTimeout;
  }

  /**
   * Stops the study after this many finished trials in a row did not improve the best value, 0
   * for none (default 0). In trial-number order, a COMPLETE trial improves when its value is
   * better than every COMPLETE value numbered below it (the first COMPLETE trial does); every
   * finished trial after the last one that improved (COMPLETE, PRUNED or FAILED) counts. Before
   * asking trial n the search reads the trials numbered n - parallelism and below (waiting, in
   * {@link #reproducible} order, for any still running), so that with a seed the number of
   * trials does not depend on timing; once the rule holds no trial is asked, the trials already
   * asked finish, and {@link TunedModel#stopReason} is NO_IMPROVEMENT.
   */
  public IntParam stopAfterNoImprovement() {
    return stopAfterNoImprovement;
  }

  /**
   * Stops the study once a COMPLETE trial's value reaches this: at least it when the
   * evaluator's larger values are better, at most it otherwise (no default: unset for none).
   * Read as {@link #stopAfterNoImprovement} is, from trials n - parallelism and below before
   * asking trial n: at parallelism 1 the trial that reaches it is the last. {@link
   * TunedModel#stopReason} is then TARGET_REACHED.
   */
  public DoubleParam targetMetric() {
    return targetMetric;
  }

  /** Whether to fit the best params on all the data after the search (default true). */
  public BooleanParam refit() {
    return refit;
  }

  public Estimator<?> getEstimator() {
    return getOrDefault(estimator);
  }

  public Evaluator getEvaluator() {
    return getOrDefault(evaluator);
  }

  public SearchSpace getSearchSpace() {
    return getOrDefault(searchSpace);
  }

  public Sampler getSampler() {
    return getOrDefault(sampler);
  }

  public Splitter getSplitter() {
    return getOrDefault(splitter);
  }

  public Scheduler getScheduler() {
    return getOrDefault(scheduler);
  }

  public Fidelity getFidelity() {
    return getOrDefault(fidelity);
  }

  public boolean getRaceFolds() {
    return (Boolean) getOrDefault(raceFolds);
  }

  public String getStudyName() {
    return getOrDefault(studyName);
  }

  public String getModelRegistry() {
    return getOrDefault(modelRegistry);
  }

  public String getStudyLog() {
    return getOrDefault(studyLog);
  }

  public boolean getReproducible() {
    return (Boolean) getOrDefault(reproducible);
  }

  /**
   * The trial store the next {@code fit} appends its events to, or null for a new in-memory
   * store per fit. Not a param: a store is a live object, so it is neither copied by {@link
   * #copy} nor saved.
   */
  public TrialStore getTrialStore() {
    return trialStore;
  }

  public int getFitsInFlight() {
    return (Integer) getOrDefault(fitsInFlight);
  }

  public long getMinValidationRows() {
    return (Long) getOrDefault(minValidationRows);
  }

  public int getMaxTrials() {
    return (Integer) getOrDefault(maxTrials);
  }

  public int getParallelism() {
    return (Integer) getOrDefault(parallelism);
  }

  public long getSeed() {
    return (Long) getOrDefault(seed);
  }

  public double getTimeout() {
    return (Double) getOrDefault(timeout);
  }

  public double getTrialTimeout() {
    return (Double) getOrDefault(trialTimeout);
  }

  public int getStopAfterNoImprovement() {
    return (Integer) getOrDefault(stopAfterNoImprovement);
  }

  /** The target metric, or NaN when it is not set. */
  public double getTargetMetric() {
    return isDefined(targetMetric) ? (Double) getOrDefault(targetMetric) : Double.NaN;
  }

  public boolean getRefit() {
    return (Boolean) getOrDefault(refit);
  }

  public HyperparameterSearch setEstimator(Estimator<?> value) {
    return put(estimator, value);
  }

  public HyperparameterSearch setEvaluator(Evaluator value) {
    return put(evaluator, value);
  }

  public HyperparameterSearch setSearchSpace(SearchSpace value) {
    return put(searchSpace, value);
  }

  public HyperparameterSearch setSampler(Sampler value) {
    return put(sampler, value);
  }

  public HyperparameterSearch setSplitter(Splitter value) {
    return put(splitter, value);
  }

  public HyperparameterSearch setScheduler(Scheduler value) {
    return put(scheduler, value);
  }

  public HyperparameterSearch setFidelity(Fidelity value) {
    return put(fidelity, value);
  }

  public HyperparameterSearch setRaceFolds(boolean value) {
    return put(raceFolds, value);
  }

  public HyperparameterSearch setStudyName(String value) {
    return put(studyName, InputErrors.studyName(value));
  }

  public HyperparameterSearch setStudyLog(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("studyLog is blank; give the path of a Delta table for"
          + " the study's events, e.g. setStudyLog(\"/delta/studies\").");
    }
    return put(studyLog, value);
  }

  public HyperparameterSearch setModelRegistry(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("modelRegistry is blank; give a folder for the"
          + " registry, e.g. setModelRegistry(\"/delta/models\").");
    }
    return put(modelRegistry, value);
  }

  public HyperparameterSearch setReproducible(boolean value) {
    return put(reproducible, value);
  }

  /**
   * Appends the study's events to {@code store} (null: a new in-memory store per fit). A store
   * that already holds this study's events resumes it: its trials count toward maxTrials and
   * are not run again. A store holding another study, or this study over another space, is
   * refused before training.
   */
  public HyperparameterSearch setTrialStore(TrialStore store) {
    trialStore = store;
    return this;
  }

  public HyperparameterSearch setFitsInFlight(int value) {
    return put(fitsInFlight, InputErrors.atLeast("fitsInFlight", value, 0, "full-data fold fits"
        + " at once (0 for parallelism)"));
  }

  public HyperparameterSearch setMinValidationRows(long value) {
    if (value < 1) {
      throw InputErrors.minValidationRows(value);
    }
    return put(minValidationRows, value);
  }

  public HyperparameterSearch setMaxTrials(int value) {
    return put(maxTrials, InputErrors.atLeast("maxTrials", value, 1, "trials"));
  }

  public HyperparameterSearch setParallelism(int value) {
    return put(parallelism, InputErrors.atLeast("parallelism", value, 1, "trials at once"));
  }

  public HyperparameterSearch setSeed(long value) {
    return put(seed, value);
  }

  /** Sets {@link #timeout}; fails unless more than 0 (clear the param for none). */
  public HyperparameterSearch setTimeout(double seconds) {
    return put(timeout, InputErrors.positiveSeconds("timeout", seconds, "the search",
        "3600"));
  }

  /** Sets {@link #trialTimeout}; fails unless more than 0 (clear the param for none). */
  public HyperparameterSearch setTrialTimeout(double seconds) {
    return put(trialTimeout, InputErrors.positiveSeconds("trialTimeout", seconds,
        "each trial at each data fraction", "600"));
  }

  /** Sets {@link #stopAfterNoImprovement}; fails below 1 (clear the param for none). */
  public HyperparameterSearch setStopAfterNoImprovement(int trials) {
    return put(stopAfterNoImprovement, InputErrors.noImprovementTrials(trials));
  }

  /** Sets {@link #targetMetric}; fails unless finite (clear the param for none). */
  public HyperparameterSearch setTargetMetric(double value) {
    return put(targetMetric, InputErrors.targetMetric(value));
  }

  public HyperparameterSearch setRefit(boolean value) {
    return put(refit, value);
  }

  private <T> HyperparameterSearch put(Param<T> param, T value) {
    if (value == null) {
      throw InputErrors.nullValue(param.name());
    }
    set(param, value);
    return this;
  }

  /**
   * Checks every input before any job: the params are set, the space belongs to the estimator,
   * the fidelity's param is an integer param of it that the space leaves alone, racing has
   * folds to race, the sampler can search it, the splitter and the estimator find their
   * columns, and the evaluator finds the columns the model writes. Returns the schema the
   * model will output.
   */
  @Override
  public StructType transformSchema(StructType schema) {
    return check(schema).outputSchema();
  }

  private SearchChecks.Checked check(StructType schema) {
    requireSet(estimator, "setEstimator(pipeline)");
    requireSet(evaluator, "setEvaluator(new BinaryClassificationEvaluator())");
    requireSet(searchSpace,
        "setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))");
    SearchChecks.Checked checked = SearchChecks.check(getEstimator(), getEvaluator(),
        getSearchSpace(), getSampler(), getScheduler(), getSplitter(), getMaxTrials(),
        getParallelism(), schema);
    FidelityPlan.bind(getFidelity(), getEstimator(), checked.boundSpace());
    FoldRace.check(getRaceFolds(), getSplitter().getClass().getSimpleName(),
        getSplitter().numFolds());
    return checked;
  }

  private void requireSet(Param<?> param, String example) {
    if (!isDefined(param)) {
      throw InputErrors.notSet(param.name(), example);
    }
  }

  @Override
  public TunedModel fit(Dataset<?> dataset) {
    return fit(dataset, "");
  }

  /**
   * Tunes on a Delta table pinned to one version: every fold, trial and the refit read {@code
   * input.read()}, the study records {@code input.tag()} with each of its events, and the
   * model's provenance says which table and version it tuned on ({@code inputTable}, {@code
   * inputVersion}). A study resumed from a trial store reads the version its events recorded
   * when {@code input} was made by {@link DeltaInput#latest}; an input made by {@link
   * DeltaInput#at} at another version is refused before training, since a study resumes on the
   * data it started on (give it a new name to start afresh).
   */
  public TunedModel fit(DeltaInput input) {
    if (input == null) {
      throw new IllegalArgumentException("input is null; pass a pinned Delta table, e.g."
          + " fit(DeltaInput.latest(spark, \"/delta/events\")), or a DataFrame.");
    }
    DeltaInput pinned = input;
    TrialStore store = store(input.read().sparkSession());
    if (!input.versionGiven()) {
      pinned = Study.recordedInput(store.events(), getStudyName())
          .flatMap(input::atRecorded).orElse(input);
    }
    return fit(pinned.read(), pinned.tag());
  }

  private TunedModel fit(Dataset<?> dataset, String input) {
    SearchChecks.Checked checked = check(dataset.schema());
    String registry = getModelRegistry();
    if (!registry.isEmpty()) {
      if (!getRefit()) {
        throw new IllegalArgumentException("modelRegistry is set but refit is false: the"
            + " registry keeps the refitted best model. Set refit to true, or leave"
            + " modelRegistry unset.");
      }
      ModelRegistry.check(dataset.sparkSession(), registry);
    }
    SearchChecks.checkNotEmpty(dataset);
    Dataset<Row> data = dataset.toDF();
    SearchSpec spec = SearchSpec.builder().input(input)
        .estimator(getEstimator()).evaluator(getEvaluator()).space(checked.boundSpace())
        .sampler(getSampler()).scheduler(checked.scheduler()).splitter(getSplitter())
        .fidelity(getFidelity()).raceFolds(getRaceFolds())
        .store(store(dataset.sparkSession()))
        .studyName(getStudyName()).maxTrials(getMaxTrials()).parallelism(getParallelism())
        .timeout(duration(getTimeout())).trialTimeout(duration(getTrialTimeout()))
        .noImprovementTrials(getStopAfterNoImprovement())
        .targetMetric(isDefined(targetMetric) ? getTargetMetric() : null)
        .fitsInFlight(getFitsInFlight() == 0 ? getParallelism() : getFitsInFlight())
        .minValidationRows(getMinValidationRows())
        .reproducible(getReproducible()).seed(getSeed()).refit(getRefit()).build();
    SearchRun.Outcome outcome = new SearchRun(spec).run(data);
    Map<String, String> provenance = new LinkedHashMap<>(Provenance.of(spec));
    if (!checked.scheduler().equals(getScheduler())) {
      provenance.put("schedulerChoice", Schedulers.toJson(getScheduler()));
    }
    Instant registered = Instant.now();
    String modelPath = registry.isEmpty() ? null : ModelRegistry.modelPath(registry,
        getStudyName(), registered, outcome.best().number());
    if (modelPath != null) {
      provenance.put("registeredModel", modelPath);
    }
    TunedModel model = new TunedModel(uid, outcome.bestModel(), refitSpace(checked),
        outcome.trials(), outcome.best().number(), SearchChecks.metricName(getEvaluator()),
        getEvaluator().isLargerBetter(), outcome.prefixFits(), provenance,
        outcome.ending().name());
    model.setParent(this);
    if (modelPath != null) {
      register(data.sparkSession(), registry, model, modelPath, registered, provenance);
    }
    return model;
  }

  /**
   * The study's trial store: the one set, the Delta study log at {@code studyLog}, or a new one
   * in memory; throws when both a store and a log are set.
   */
  private TrialStore store(SparkSession spark) {
    if (getStudyLog().isEmpty()) {
      return trialStore == null ? new InMemoryTrialStore() : trialStore;
    }
    if (trialStore != null) {
      throw new IllegalArgumentException("both a trial store (setTrialStore) and a study log"
          + " (setStudyLog " + getStudyLog() + ") are set; a study keeps one log: drop one.");
    }
    return DeltaStudyLog.open(spark, getStudyLog(), getStudyName());
  }

  /**
   * Saves {@code model} at {@code path} and then appends its row to the registry table, so that
   * a row always points at a complete model.
   */
  private void register(SparkSession spark, String registry, TunedModel model, String path,
      Instant at, Map<String, String> provenance) {
    try {
      model.write().save(path);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("saving the best model to " + path + " failed", e);
    }
    String params;
    try {
      params = new ObjectMapper().writeValueAsString(model.bestTrial().params());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String version = provenance.get("inputVersion");
    ModelRegistry.append(spark, registry, new ModelRegistry.Entry(getStudyName(),
        model.bestTrial().number(), params, model.bestMetric(), model.metricName(), path,
        provenance.get("inputTable"), version == null ? null : Long.valueOf(version),
        provenance.get("sparktuneVersion"), at, spark.sparkContext().applicationId()));
  }

  /** {@code seconds} as a Duration, or null for 0 (none). */
  private static Duration duration(double seconds) {
    return seconds > 0 ? Duration.ofNanos(Math.round(seconds * 1e9)) : null;
  }

  /**
   * The space as the refit used it: under the {@code Iterations} fidelity, its param fixed at
   * its full value, so that the model's {@code bestParamMap()} fits what {@code bestModel()} is.
   */
  private SearchSpace refitSpace(SearchChecks.Checked checked) {
    SearchSpace bound = checked.boundSpace();
    FidelityPlan plan = FidelityPlan.bind(getFidelity(), getEstimator(), bound);
    if (plan.param() == null) {
      return bound;
    }
    return SearchSpace.fromJson(bound.toJson())
        .fixed(plan.param(), plan.iterations(new Budget(0, 1.0))).bind(getEstimator());
  }

  @Override
  public HyperparameterSearch copy(ParamMap extra) {
    HyperparameterSearch copy = copyValues(new HyperparameterSearch(uid), extra);
    copy.trialStore = trialStore;
    if (copy.isDefined(estimator)) {
      copy.setEstimator(getEstimator().copy(extra));
    }
    if (copy.isDefined(evaluator)) {
      copy.setEvaluator(getEvaluator().copy(extra));
    }
    return copy;
  }

  @Override
  public MLWriter write() {
    return StageIo.writer((sc, path) -> SearchFiles.save(sc, path, this,
        isDefined(estimator) ? getEstimator() : null,
        isDefined(evaluator) ? getEvaluator() : null));
  }

  /** Reads a search written by {@link #write}. */
  public static MLReader<HyperparameterSearch> read() {
    return StageIo.reader((sc, path) -> {
      SearchFiles.Saved saved = SearchFiles.load(sc, path, HyperparameterSearch.class);
      HyperparameterSearch blank = new HyperparameterSearch(saved.uid());
      HyperparameterSearch search = blank.copy(saved.params(blank));
      if (saved.estimator() != null) {
        search.setEstimator(saved.estimator());
      }
      if (saved.evaluator() != null) {
        search.setEvaluator(saved.evaluator());
      }
      return search;
    });
  }

  /** Loads a search saved at {@code path}. */
  public static HyperparameterSearch load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "HyperparameterSearch: uid=" + uid;
  }
}
