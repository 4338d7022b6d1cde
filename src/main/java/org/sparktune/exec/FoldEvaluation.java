package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
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
import org.sparktune.split.Fold;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialResult;

/**
 * Runs one trial on Spark: fits the plan's rest with the trial's params on each prepared fold
 * and evaluates it on that fold's validation rows; the value is the mean fold metric.
 *
 * <p>A trial's folds are fitted at once on {@code foldPool}: fits of MLlib's iterative
 * estimators are mostly waits between small jobs, so keeping more of them in flight keeps the
 * executors' cores busy. Each trial runs in its own job group, whose description names the
 * trial, the fold and the params (as the Spark UI shows them), and in the FAIR pool of its
 * worker slot, so concurrent trials share executors. {@link #cancel} cancels a trial's jobs at
 * once. Thread-safe.
 */
public final class FoldEvaluation implements TrialLoop.TrialTask {

  private static final Logger LOG = LoggerFactory.getLogger(FoldEvaluation.class);

  private final SparkContext sc;
  private final PreparedFolds folds;
  private final PipelinePlan plan;
  private final Evaluator evaluator;
  private final Function<Trial, ParamMap> paramMaps;
  private final String studyId;
  private final ExecutorService foldPool;

  /**
   * @param paramMaps the ParamMap of a trial's params
   * @param studyId a short id that makes job group names unique to this study
   * @param foldPool threads that fit folds, at least parallelism × folds of them; owned by
   *     the caller
   */
  public FoldEvaluation(SparkContext sc, PreparedFolds folds, PipelinePlan plan,
      Evaluator evaluator, Function<Trial, ParamMap> paramMaps, String studyId,
      ExecutorService foldPool) {
    this.sc = sc;
    this.folds = folds;
    this.plan = plan;
    this.evaluator = evaluator;
    this.paramMaps = paramMaps;
    this.studyId = studyId;
    this.foldPool = foldPool;
  }

  @Override
  public TrialResult run(Trial trial, int slot) throws InterruptedException {
    ParamMap params = paramMaps.apply(trial);
    List<Future<Double>> running = new ArrayList<>();
    for (Fold fold : folds.folds()) {
      running.add(foldPool.submit(() -> fitAndScore(trial, slot, fold, params)));
    }
    List<Double> metrics = new ArrayList<>();
    try {
      for (Future<Double> f : running) {
        metrics.add(f.get());
      }
    } catch (ExecutionException e) {
      cancel(trial);
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(TrialLoop.describe(cause), cause);
    } finally {
      running.forEach(f -> f.cancel(false));
    }
    for (int i = 0; i < metrics.size(); i++) {
      if (Double.isNaN(metrics.get(i))) {
        return TrialResult.failed("fold " + (i + 1) + " metric is NaN");
      }
    }
    return TrialResult.complete(metrics);
  }

  private double fitAndScore(Trial trial, int slot, Fold fold, ParamMap params) {
    int k = folds.numFolds();
    sc.setLocalProperty("spark.scheduler.pool", "sparktune-" + slot);
    sc.setJobGroup(jobGroup(trial), "sparktune trial " + trial.number() + " fold "
        + (fold.index() + 1) + "/" + k + ": " + trial.params(), true);
    try {
      Model<?> model = plan.rest().fit(fold.train(), params);
      Dataset<Row> scored = model.transform(fold.validation());
      double metric = evaluator.copy(ParamMap.empty()).evaluate(scored);
      LOG.debug("Trial {} fold {}/{}: {}", trial.number(), fold.index() + 1, k, metric);
      return metric;
    } finally {
      sc.clearJobGroup();
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
  }

  /** Cancels every running Spark job of {@code trial}. */
  public void cancel(Trial trial) {
    sc.cancelJobGroup(jobGroup(trial));
  }

  private String jobGroup(Trial trial) {
    return "sparktune-" + studyId + "-trial-" + trial.number();
  }
}
