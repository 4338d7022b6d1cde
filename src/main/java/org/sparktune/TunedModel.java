package org.sparktune;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparktune.delta.ModelRegistry;
import org.sparktune.persist.StageIo;
import org.sparktune.persist.TunedModelFiles;
import org.sparktune.report.ReportInput;
import org.sparktune.report.StudyReport;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialTable;

/**
 * What {@link HyperparameterSearch} produced: the best params refitted on all the data, and
 * every trial. A Spark ML {@link Model}: {@link #transform} delegates to the best model, so it
 * serves as a Pipeline stage; it saves and loads with MLlib persistence, trials included.
 *
 * <pre>{@code
 * TunedModel model = tuner.fit(train);
 * model.bestParams();       // {regParam=0.012, elasticNetParam=0.4}
 * model.trials().show();    // one row a trial
 * model.transform(test);
 * }</pre>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class TunedModel extends Model<TunedModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  /** The {@link #stopReason} of a model saved before the reason was recorded. */
  public static final String UNRECORDED = TunedModelFiles.UNRECORDED;

  private final String uid;
  private final Model<?> bestModel;
  private final SearchSpace space;
  private final List<Trial> trials;
  private final int bestTrial;
  private final String metricName;
  private final boolean largerBetter;
  private final int prefixFits;
  private final Map<String, String> provenance;
  private final String stopReason;

  /**
   * An empty model, with no trials and no best model: the instance {@link java.util.ServiceLoader}
   * builds when Spark lists the registered stages ({@code META-INF/services}). Every accessor of
   * the search's results fails on it, saying how to get a real model: {@link #load} or
   * {@link HyperparameterSearch#fit}.
   */
  public TunedModel() {
    this(Identifiable.randomUID("hyperparameterSearch"), null, new SearchSpace(), List.of(), -1,
        "", false, 0, Map.of(), UNRECORDED);
  }

  TunedModel(String uid, Model<?> bestModel, SearchSpace space, List<Trial> trials,
      int bestTrial, String metricName, boolean largerBetter, int prefixFits,
      Map<String, String> provenance, String stopReason) {
    this.uid = uid;
    this.bestModel = bestModel;
    this.space = space;
    this.trials = List.copyOf(trials);
    this.bestTrial = bestTrial;
    this.metricName = metricName;
    this.largerBetter = largerBetter;
    this.prefixFits = prefixFits;
    this.provenance = Map.copyOf(provenance);
    this.stopReason = stopReason;
  }

  @Override
  public String uid() {
    return uid;
  }

  /**
   * The best params fitted on all the data, whatever data fraction the best trial was judged on
   * ({@link #bestBudget}); fails if the search ran with refit off.
   */
  public Model<?> bestModel() {
    requireTrials();
    if (bestModel == null) {
      throw new IllegalStateException("this TunedModel has no best model because the search ran"
          + " with refit off; fit estimator.fit(data, model.bestParamMap()) yourself, or search"
          + " with setRefit(true).");
    }
    return bestModel;
  }

  /** Whether a best model was fitted (refit on). */
  public boolean hasBestModel() {
    return bestModel != null;
  }

  /** The best trial's values by dimension name. */
  public Map<String, Object> bestParams() {
    return bestTrial().params();
  }

  /** The best trial's params, and the space's fixed values, as an MLlib ParamMap. */
  public ParamMap bestParamMap() {
    return space.toParamMap(bestParams());
  }

  /** The best trial's mean validation metric. */
  public double bestMetric() {
    return bestTrial().value();
  }

  /**
   * The data fraction the best trial was judged on: the budget of the rung whose mean
   * validation metric is {@link #bestMetric}, its last. 1 for a trial that ran on all the data;
   * below 1 when the schedule's last rung is (a {@code maxFraction} below 1, or successive
   * halving with too few candidates to reach it). {@link #bestModel} is refitted on all the data
   * either way.
   */
  public double bestBudget() {
    return bestTrial().lastRung().orElseThrow().budget();
  }

  /** The best trial. */
  public Trial bestTrial() {
    requireTrials();
    return trials.get(bestTrial);
  }

  /** Every trial, by number, as records. */
  public List<Trial> trialList() {
    return trials;
  }

  /**
   * Every trial as a DataFrame, one row a trial: trial, status, one typed column a parameter,
   * metric (its final mean validation metric, null unless COMPLETE), metricStd, foldMetrics (of
   * its last rung, partial when fold racing stopped it), budget (the largest budget fraction it
   * ran at: of the data, or of the iteration param's largest value), iterations (the count its
   * last rung ran with under the iterations fidelity, else null), rungs (how many it ran),
   * seed, startTime, endTime, durationSeconds, error (why it failed or was pruned),
   * provenance. {@link #rungs()} has every rung.
   */
  public Dataset<Row> trials() {
    return TrialTable.toDataFrame(SparkSession.active(), space, trials, provenance);
  }

  /**
   * Every rung of every trial as a DataFrame, one row a rung: trial, rung, budget (the budget
   * fraction: the data fraction, or the fraction of the iteration param's largest value),
   * iterations (the count it ran with under the iterations fidelity, else null), partial
   * (whether fold racing stopped it after some folds: then foldMetrics holds those folds only
   * and metric their mean, which is no result of the rung), metric (mean over folds at that
   * budget), foldMetrics, startTime, endTime, durationSeconds. Join it to {@link #trials()} on
   * {@code trial}.
   */
  public Dataset<Row> rungs() {
    return TrialTable.rungsDataFrame(SparkSession.active(), trials);
  }

  /** The evaluator's metric name, e.g. areaUnderROC. */
  public String metricName() {
    return metricName;
  }

  /** Whether a larger metric is better. */
  public boolean isLargerBetter() {
    return largerBetter;
  }

  /** How many times the pipeline prefix was fitted during the search (0 without a prefix). */
  public int prefixFits() {
    return prefixFits;
  }

  /** Sampler, splitter, seeds and versions the study ran with. */
  public Map<String, String> provenance() {
    return provenance;
  }

  /**
   * Why the search stopped asking trials: SCHEDULE_DONE (the scheduler had nothing left to
   * run, or maxTrials or a grid's size was reached), TIMEOUT (the search's {@code timeout}),
   * NO_IMPROVEMENT ({@code stopAfterNoImprovement}), TARGET_REACHED ({@code targetMetric}),
   * INTERRUPTED (the fitting thread was interrupted), or {@value #UNRECORDED} for a model saved
   * by a sparktune that did not record it. Saved and loaded with the model.
   */
  public String stopReason() {
    return stopReason;
  }

  /** The search space, bound to the best model's stages where it was fitted. */
  public SearchSpace searchSpace() {
    return space;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return bestModel().transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return bestModel().transformSchema(schema);
  }

  @Override
  public TunedModel copy(ParamMap extra) {
    TunedModel copy = new TunedModel(uid, bestModel == null ? null : bestModel.copy(extra),
        space, trials, bestTrial, metricName, largerBetter, prefixFits, provenance, stopReason);
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return StageIo.writer((sc, path) -> TunedModelFiles.save(sc, path, this,
        new TunedModelFiles.Contents(bestModel, space, trials, bestTrial, metricName,
            largerBetter, prefixFits, provenance, stopReason)));
  }

  /** Reads a model written by {@link #write}. */
  public static MLReader<TunedModel> read() {
    return StageIo.reader((sc, path) -> {
      TunedModelFiles.Saved saved = TunedModelFiles.load(sc, path, TunedModel.class);
      TunedModelFiles.Contents c = saved.contents();
      return new TunedModel(saved.uid(), c.bestModel(), c.space(), c.trials(), c.bestTrial(),
          c.metricName(), c.largerBetter(), c.prefixFits(), c.provenance(), c.stopReason());
    });
  }

  /** Loads a model saved at {@code path}. */
  public static TunedModel load(String path) {
    return read().load(path);
  }

  /**
   * The newest model that a search with {@code modelRegistry} {@code registry} registered for
   * the study {@code study}; throws naming the studies the registry holds when it has none.
   */
  public static TunedModel latest(SparkSession spark, String registry, String study) {
    return ModelRegistry.latest(spark, registry, study)
        .map(entry -> load(entry.modelPath()))
        .orElseThrow(() -> new IllegalArgumentException("model registry " + registry + " has no"
            + " model of study '" + study + "'; its studies are " + ModelRegistry.studies(spark,
                registry) + ". Check the study name (setStudyName), or tune it with"
            + " setModelRegistry(\"" + registry + "\") first."));
  }

  /**
   * The study's HTML report as one self-contained page (Plotly inlined, no network needed): the
   * summary, plots and every trial; see {@link StudyReport}. For a notebook's {@code
   * displayHTML(model.reportHtml())}.
   */
  public String reportHtml() {
    return StudyReport.html(reportInput());
  }

  /**
   * Writes {@link #reportHtml} to the local file {@code path}, replacing a file there and
   * creating its parent folders; refuses a folder.
   */
  public void writeReport(String path) {
    StudyReport.write(reportInput(), path);
  }

  private ReportInput reportInput() {
    requireTrials();
    return new ReportInput(provenance.getOrDefault("study", uid), metricName,
        largerBetter ? Direction.MAXIMIZE : Direction.MINIMIZE, space, trials, bestTrial,
        provenance, stopReason, "model " + uid);
  }

  @Override
  public String toString() {
    if (trials.isEmpty()) {
      return "TunedModel: uid=" + uid + ", empty";
    }
    return "TunedModel: uid=" + uid + ", best " + metricName + "=" + bestMetric()
        + " at data fraction " + bestBudget() + " with " + bestParams() + ", " + trials.size()
        + " trials, stopped: " + stopReason;
  }

  private void requireTrials() {
    if (trials.isEmpty()) {
      throw new IllegalStateException("this TunedModel is empty: it has no trials because it was"
          + " built by the no-arg constructor, which exists for ServiceLoader; get a real one"
          + " from HyperparameterSearch.fit(data) or TunedModel.load(path).");
    }
  }

  int bestTrialNumber() {
    return bestTrial;
  }
}
