package org.sparktune.exec;

import java.util.ArrayList;
import java.util.List;
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
 * <p>Each trial runs in its own job group, whose description names the trial, the fold and the
 * params (as the Spark UI shows them), and in the FAIR pool of its worker slot, so concurrent
 * trials share executors. {@link #cancel} cancels a trial's jobs at once. Thread-safe.
 */
public final class FoldEvaluation implements TrialLoop.TrialTask {

  private static final Logger LOG = LoggerFactory.getLogger(FoldEvaluation.class);

  private final SparkContext sc;
  private final PreparedFolds folds;
  private final PipelinePlan plan;
  private final Evaluator evaluator;
  private final Function<Trial, ParamMap> paramMaps;
  private final String studyId;

  /**
   * @param paramMaps the ParamMap of a trial's params
   * @param studyId a short id that makes job group names unique to this study
   */
  public FoldEvaluation(SparkContext sc, PreparedFolds folds, PipelinePlan plan,
      Evaluator evaluator, Function<Trial, ParamMap> paramMaps, String studyId) {
    this.sc = sc;
    this.folds = folds;
    this.plan = plan;
    this.evaluator = evaluator;
    this.paramMaps = paramMaps;
    this.studyId = studyId;
  }

  @Override
  public TrialResult run(Trial trial, int slot) {
    ParamMap params = paramMaps.apply(trial);
    Evaluator eval = evaluator.copy(ParamMap.empty());
    List<Double> metrics = new ArrayList<>();
    int k = folds.folds().size();
    sc.setLocalProperty("spark.scheduler.pool", "sparktune-" + slot);
    try {
      for (Fold fold : folds.folds()) {
        sc.setJobGroup(jobGroup(trial), "sparktune trial " + trial.number() + " fold "
            + (fold.index() + 1) + "/" + k + ": " + trial.params(), true);
        Model<?> model = plan.rest().fit(fold.train(), params);
        Dataset<Row> scored = model.transform(fold.validation());
        double metric = eval.evaluate(scored);
        LOG.debug("Trial {} fold {}/{}: {}", trial.number(), fold.index() + 1, k, metric);
        if (Double.isNaN(metric)) {
          return TrialResult.failed("fold " + (fold.index() + 1) + " metric is NaN");
        }
        metrics.add(metric);
      }
    } finally {
      sc.clearJobGroup();
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
    return TrialResult.complete(metrics);
  }

  /** Cancels every running Spark job of {@code trial}. */
  public void cancel(Trial trial) {
    sc.cancelJobGroup(jobGroup(trial));
  }

  private String jobGroup(Trial trial) {
    return "sparktune-" + studyId + "-trial-" + trial.number();
  }
}
