package org.sparktune.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.StructType;
import org.sparktune.HyperparameterSearch;
import org.sparktune.ModelChoice;
import org.sparktune.schedule.Fidelities;
import org.sparktune.schedule.Schedulers;
import org.sparktune.search.Samplers;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Splitter;
import org.sparktune.split.Splitters;

/**
 * A {@link StudyConfig} turned into a configured {@link HyperparameterSearch} over the data's
 * schema: the feature stages, the estimator (stage uid {@value #MODEL}; a model choice's
 * candidates have their names as uids), the evaluator, the space, and every part and budget.
 * Checked before any job: a mistake in the config exits 2, one in the data 3.
 *
 * @param search the search, ready to fit
 * @param features the stages before the estimator
 * @param evaluator the evaluator
 */
record ConfiguredStudy(HyperparameterSearch search, FeatureStages features,
    Evaluator evaluator) {

  /** The uid of the tuned estimator (or the ModelChoice) in the pipeline: {@code model.x}. */
  static final String MODEL = "model";

  static ConfiguredStudy build(StudyConfig config, StructType schema) {
    Splitter splitter = library("splitter", () -> Splitters.fromConfig(config.splitter().name(),
        withLabel(config)));
    for (String column : splitterColumns(config)) {
      FeatureStages.requireColumn(schema, column, "splitter");
    }
    FeatureStages features = FeatureStages.of(config, schema, splitterColumns(config));
    List<PipelineStage> stages = new ArrayList<>(features.stages());
    if (config.estimator().single() != null || config.estimator().isChoice()) {
      stages.add(estimator(config.estimator(), features.labelCol()));
    }
    Estimator<?> estimator = new Pipeline("pipeline").setStages(
        stages.toArray(new PipelineStage[0]));
    Evaluator evaluator = Evaluators.of(config, features.labelCol());
    SearchSpace space = library("space", () -> SearchSpace.fromJson(config.spaceJson()));
    HyperparameterSearch search = library("budget", () -> new HyperparameterSearch()
        .setEstimator(estimator).setEvaluator(evaluator)
        .setMaxTrials(config.budget().maxTrials())
        .setParallelism(config.budget().parallelism()).setSeed(config.budget().seed())
        .setRaceFolds(config.raceFolds()).setStudyName(config.study()));
    search.setSearchSpace(space).setSplitter(splitter);
    search.setSampler(library("sampler", () -> Samplers.fromConfig(config.sampler().name(),
        config.sampler().options())));
    search.setScheduler(library("scheduler", () -> Schedulers.fromConfig(
        config.scheduler().name(), config.scheduler().options())));
    search.setFidelity(library("fidelity", () -> Fidelities.fromConfig(
        config.fidelity().name(), config.fidelity().options())));
    StudyConfig.Budget b = config.budget();
    library("budget", () -> {
      if (b.timeoutSeconds() != null) {
        search.setTimeout(b.timeoutSeconds());
      }
      if (b.trialTimeoutSeconds() != null) {
        search.setTrialTimeout(b.trialTimeoutSeconds());
      }
      if (b.stopAfterNoImprovement() != null) {
        search.setStopAfterNoImprovement(b.stopAfterNoImprovement());
      }
      if (b.targetMetric() != null) {
        search.setTargetMetric(b.targetMetric());
      }
      return search;
    });
    return new ConfiguredStudy(search, features, evaluator);
  }

  /** Checks the whole search against the schema, as fit does first (exit 2 on a mistake). */
  void check(StructType schema) {
    library("space", () -> search.transformSchema(schema));
  }

  private static Estimator<?> estimator(StudyConfig.EstimatorSpec spec, String labelCol) {
    StageRegistry<Estimator<?>> registry = StageRegistry.estimators();
    if (!spec.isChoice()) {
      return stage(registry, spec.single(), MODEL, labelCol);
    }
    ModelChoice choice = new ModelChoice(MODEL);
    for (Map.Entry<String, StudyConfig.Stage> e : spec.candidates().entrySet()) {
      choice.addCandidate(e.getKey(), stage(registry, e.getValue(), e.getKey(), labelCol));
    }
    return choice;
  }

  private static Estimator<?> stage(StageRegistry<Estimator<?>> registry,
      StudyConfig.Stage spec, String uid, String labelCol) {
    String key = spec.key() + ".class";
    Estimator<?> e = registry.create(spec.className(), uid, key);
    e = StageParams.apply(e, spec.params(), spec.key());
    return defaults(e, spec.params(), labelCol);
  }

  /** Sets labelCol and featuresCol where the stage has them and the config left them. */
  static <S extends Params> S defaults(S stage, Map<String, Object> given, String labelCol) {
    ParamMap map = new ParamMap();
    if (labelCol != null && stage.hasParam("labelCol") && !given.containsKey("labelCol")) {
      map.put(stage.getParam("labelCol"), labelCol);
    }
    if (stage.hasParam("featuresCol") && !given.containsKey("featuresCol")) {
      map.put(stage.getParam("featuresCol"), FeatureStages.FEATURES);
    }
    @SuppressWarnings("unchecked")
    S copy = (S) stage.copy(map);
    return copy;
  }

  private static Map<String, Object> withLabel(StudyConfig config) {
    Map<String, Object> options = config.splitter().options();
    if (config.label() != null && config.splitter().name().toLowerCase(
        java.util.Locale.ROOT).startsWith("stratified")) {
      options.putIfAbsent("labelCol", config.label());
    }
    return options;
  }

  /** Columns the splitter reads (time, group, fold): never features. */
  private static List<String> splitterColumns(StudyConfig config) {
    List<String> out = new ArrayList<>();
    for (String key : List.of("timeCol", "groupCol", "foldCol")) {
      if (config.splitter().options().get(key) instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** Runs a library call, turning its bad-input exception into a config failure. */
  static <T> T library(String key, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (CliFailure e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw CliFailure.config("'" + key + "': " + e.getMessage());
    }
  }
}
