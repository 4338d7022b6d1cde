package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Dataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.schedule.Budget;
import org.sparktune.study.Trial;

/**
 * Runs one trial at one budget on Spark: fits the plan's rest with the trial's params on each
 * prepared fold's training rows at the budget's data fraction, and evaluates it on that fold's
 * validation rows at the same fraction, with a floor of {@code minValidationRows} rows (see
 * {@link #validationFraction}). Under the iterations fidelity (see {@link FidelityPlan}) the
 * data fraction is 1 and the fit runs with the fidelity's param at the budget's value; when
 * that param is a forest's {@code numTrees}, a promoted trial's fold grows the forest it kept
 * from its last rung instead of fitting a whole one ({@link ForestGrowth}).
 *
 * <p>A trial's folds are fitted at once on {@code foldPool}: fits of MLlib's iterative
 * estimators are mostly waits between small jobs, so keeping more of them in flight keeps the
 * executors' cores busy. Each trial runs in its own job group, whose description names the
 * trial, the fold and the params (as the Spark UI shows them), and in the FAIR pool of its
 * worker slot, so concurrent trials share executors.
 *
 * <p>{@link #cancel} stops a trial for good ({@link TrialJobs}): its running jobs and any job
 * its threads submit later are cancelled, its folds not yet started never start, and each fold
 * checks before its fit, its transform and its evaluation that the trial goes on, so that the
 * executors are free within moments and nothing of the trial runs after its work item was
 * given up. The fold threads are not interrupted: the cancelled jobs already end their waits,
 * and an interrupt that lands in Spark's own driver code (storing a broadcast, say) only adds
 * errors of its own to the log. A trial is cancelled when it is cut off or when one of its
 * folds fails; its {@link #run} then throws. Thread-safe.
 */
public final class FoldEvaluation implements TrialLoop.RungTask {

  private static final Logger LOG = LoggerFactory.getLogger(FoldEvaluation.class);

  private final SparkContext sc;
  private final PreparedFolds folds;
  private final PipelinePlan plan;
  private final Evaluator evaluator;
  private final Function<Trial, ParamMap> paramMaps;
  private final TrialJobs jobs;
  private final ExecutorService foldPool;
  private final Map<Integer, List<Future<Double>>> running = new ConcurrentHashMap<>();
  private final FitPermits permits;
  private final long minValidationRows;
  private final FidelityPlan fidelity;
  private final ForestGrowth growth;

  /** An evaluation over data fractions; see the constructor below for the arguments. */
  public FoldEvaluation(SparkContext sc, PreparedFolds folds, PipelinePlan plan,
      Evaluator evaluator, Function<Trial, ParamMap> paramMaps, String studyId,
      ExecutorService foldPool, int fitsInFlight, long minValidationRows) {
    this(sc, folds, plan, evaluator, paramMaps, studyId, foldPool, fitsInFlight,
        minValidationRows, FidelityPlan.dataFraction());
  }

  /**
   * @param paramMaps the ParamMap of a trial's params
   * @param studyId a short id that makes job group names unique to this study
   * @param foldPool threads that fit folds, at least parallelism × folds of them; owned by
   *     the caller
   * @param fitsInFlight full-data fold fits that may run at once, a fit at data fraction f
   *     counting as f (see {@link FitPermits}); 0 for no bound beyond the threads
   * @param minValidationRows the fewest validation rows a rung below full data is scored on
   *     (see {@link #validationFraction})
   * @param fidelity what a budget scales: the data fraction, or an iteration param
   */
  public FoldEvaluation(SparkContext sc, PreparedFolds folds, PipelinePlan plan,
      Evaluator evaluator, Function<Trial, ParamMap> paramMaps, String studyId,
      ExecutorService foldPool, int fitsInFlight, long minValidationRows,
      FidelityPlan fidelity) {
    this.sc = sc;
    this.folds = folds;
    this.plan = plan;
    this.evaluator = evaluator;
    this.paramMaps = paramMaps;
    this.jobs = new TrialJobs(sc, studyId);
    this.foldPool = foldPool;
    this.permits = new FitPermits(fitsInFlight);
    this.minValidationRows = minValidationRows;
    this.fidelity = fidelity;
    this.growth = ForestGrowth.of(plan, fidelity);
  }

  @Override
  public List<Double> run(Trial trial, Budget budget, int slot) throws InterruptedException {
    List<Integer> all = new ArrayList<>();
    for (int fold = 0; fold < folds.numFolds(); fold++) {
      all.add(fold);
    }
    return runFolds(trial, budget, slot, all);
  }

  /** The folds this evaluation cuts. */
  public int numFolds() {
    return folds.numFolds();
  }

  /**
   * Runs {@code trial} at {@code budget} on the folds numbered {@code which} (from 0), at once:
   * the metric of each, in the order given.
   */
  public List<Double> runFolds(Trial trial, Budget budget, int slot, List<Integer> which)
      throws InterruptedException {
    jobs.checkNotCancelled(trial);
    ParamMap params = fidelity.at(paramMaps.apply(trial), budget);
    List<Future<Double>> fits = new ArrayList<>();
    for (int index : which) {
      fits.add(foldPool.submit(() -> fitAndScore(trial, budget, slot, index, params)));
    }
    running.put(trial.number(), fits);
    List<Double> metrics = new ArrayList<>();
    try {
      for (Future<Double> f : fits) {
        metrics.add(f.get());
      }
    } catch (ExecutionException e) {
      jobs.checkNotCancelled(trial);
      cancel(trial, "another of its folds failed");
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(TrialLoop.describe(cause), cause);
    } finally {
      running.remove(trial.number());
      fits.forEach(f -> f.cancel(false));
    }
    return metrics;
  }

  /**
   * Fits fold {@code fold} holding its share of the fits in flight, then scores it after
   * giving that share back: the estimator's own cache of its working set lives only as long as
   * its fit, and scoring holds no more than the fitted model, so the next fold's fit may start
   * while this one's validation rows are scored (at parallelism 1 a sort of the fold's scores
   * on one core, which Spark's CrossValidator runs while no fit does).
   */
  private double fitAndScore(Trial trial, Budget budget, int slot, int fold, ParamMap params)
      throws InterruptedException {
    int k = folds.numFolds();
    double fraction = fidelity.dataFraction(budget);
    int held = permits.acquire(fraction);
    sc.setLocalProperty("spark.scheduler.pool", "sparktune-" + slot);
    Integer trees = fidelity.iterations(budget);
    String growing = growth == null ? "" : growth.describe(trial.number(), fold, trees);
    // The Spark UI shows one description per trial, rung and fold, in the trial's job group.
    jobs.enter(trial, "sparktune trial " + trial.number() + " rung " + budget.rung() + " ("
        + fidelity.describe(budget) + growing + ") fold " + (fold + 1) + "/" + k + ": "
        + trial.params());
    try {
      Model<?> model;
      try {
        jobs.checkNotCancelled(trial);
        Dataset<Row> train = folds.train(fold, fraction);
        model = growth == null ? plan.rest().fit(train, params)
            : growth.fit(trial.number(), fold, trees, train, params);
      } finally {
        permits.release(held);
      }
      jobs.checkNotCancelled(trial);
      Dataset<Row> scored = model.transform(folds.validation(fold,
          validationFraction(fold, fraction)));
      jobs.checkNotCancelled(trial);
      double metric = evaluator.copy(ParamMap.empty()).evaluate(scored);
      LOG.debug("Trial {} {} fold {}/{}: {}", trial.number(), fidelity.describe(budget),
          fold + 1, k, metric);
      return metric;
    } finally {
      jobs.leave();
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
  }

  /**
   * The fraction of fold {@code fold}'s validation rows a rung at data fraction {@code
   * fraction} is scored on: the same fraction, so that a rung at f costs about f of a full
   * rung, but never fewer than {@code minValidationRows} rows (all of them when the fold has
   * fewer), so that the ranking a rung makes is not left to the noise of a few rows. The split
   * serves only the fractions declared when splitting (the rungs'), so a floor of {@code
   * minValidationRows / rows} above {@code fraction} is rounded up to the smallest declared
   * fraction at or above it, or to 1 when there is none.
   */
  double validationFraction(int fold, double fraction) {
    if (fraction >= 1) {
      return 1.0;
    }
    long rows = folds.validationRows(fold);
    if (rows <= minValidationRows) {
      return 1.0;
    }
    double floor = (double) minValidationRows / rows;
    if (fraction >= floor) {
      return fraction;
    }
    for (double declared : folds.fractions()) {
      if (declared >= floor) {
        return declared;
      }
    }
    return 1.0;
  }

  /** Drops what {@code trial} kept for its next rung (see {@link ForestGrowth}): it ended. */
  @Override
  public void ended(Trial trial) {
    if (growth != null) {
      growth.forget(trial.number());
    }
  }

  /**
   * Stops {@code trial} for good: cancels its running jobs and any it submits later, and its
   * folds not yet started. Its {@link #run} throws soon after.
   */
  public void cancel(Trial trial) {
    cancel(trial, "the trial loop gave up its work item (a timeout, or the study ended)");
  }

  private void cancel(Trial trial, String why) {
    jobs.cancel(trial, why);
    List<Future<Double>> fits = running.get(trial.number());
    if (fits != null) {
      fits.forEach(f -> f.cancel(false));
    }
  }
}
