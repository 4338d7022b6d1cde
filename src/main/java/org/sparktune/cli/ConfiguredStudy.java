package org.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Fidelities;
import org.sparktune.schedule.Schedulers;
import org.sparktune.search.Samplers;
import org.sparktune.space.Distribution;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Splitters;

/**
 * Turns a {@link StudyConfig} and the data's schema into a configured
 * {@link HyperparameterSearch} over a tabular pipeline: string columns indexed and one-hot
 * encoded, numeric columns assembled, a string label indexed, then the configured model.
 */
final class ConfiguredStudy {

  static final String LABEL = "label_index";

  private ConfiguredStudy() {}

  static HyperparameterSearch build(StudyConfig config, StructType schema) {
    if (!List.of(schema.fieldNames()).contains(config.label())) {
      throw new IllegalArgumentException("label column '" + config.label() + "' is not in the"
          + " data; its columns are " + List.of(schema.fieldNames()) + ": set \"label\" to one"
          + " of them.");
    }
    List<PipelineStage> stages = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (f.name().equals(config.label())) {
        continue;
      }
      if (f.dataType() instanceof StringType) {
        stages.add(new StringIndexer().setInputCol(f.name()).setOutputCol(f.name() + "_index")
            .setHandleInvalid("keep"));
        stages.add(new OneHotEncoder().setInputCol(f.name() + "_index")
            .setOutputCol(f.name() + "_onehot"));
        features.add(f.name() + "_onehot");
      } else if (f.dataType() instanceof org.apache.spark.sql.types.NumericType) {
        features.add(f.name());
      }
    }
    String labelCol = config.label();
    if (schema.apply(config.label()).dataType().equals(DataTypes.StringType)) {
      stages.add(new StringIndexer().setInputCol(config.label()).setOutputCol(LABEL));
      labelCol = LABEL;
    }
    stages.add(new VectorAssembler().setInputCols(features.toArray(new String[0]))
        .setOutputCol("features").setHandleInvalid("skip"));
    Predictor<?, ?, ?> model = model(config.model()).setLabelCol(labelCol)
        .setFeaturesCol("features");
    stages.add(model);
    Pipeline pipeline = new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    Map<String, Object> samplerOptions = new LinkedHashMap<>(config.sampler());
    String samplerName = String.valueOf(samplerOptions.remove("name"));
    Map<String, Object> schedulerOptions = new LinkedHashMap<>(config.scheduler());
    String schedulerName = String.valueOf(schedulerOptions.remove("name"));
    Map<String, Object> fidelityOptions = new LinkedHashMap<>(config.fidelity());
    String fidelityName = String.valueOf(fidelityOptions.remove("name"));
    Map<String, Object> splitterOptions = new LinkedHashMap<>(config.splitter());
    String splitterName = String.valueOf(splitterOptions.remove("name"));
    if (splitterName.toLowerCase().startsWith("stratified")) {
      splitterOptions.putIfAbsent("labelCol", config.label());
    }
    HyperparameterSearch search = new HyperparameterSearch()
        .setEstimator(pipeline)
        .setEvaluator(evaluator(config.metric(), labelCol))
        .setSearchSpace(space(config.space(), model))
        .setSampler(Samplers.fromConfig(samplerName, samplerOptions))
        .setSplitter(Splitters.fromConfig(splitterName, splitterOptions))
        .setScheduler(Schedulers.fromConfig(schedulerName, schedulerOptions))
        .setFidelity(Fidelities.fromConfig(fidelityName, fidelityOptions))
        .setRaceFolds(config.raceFolds())
        .setMaxTrials(config.maxTrials())
        .setParallelism(config.parallelism())
        .setSeed(config.seed());
    // 0 is "none" in the config, as it is the params' default; any other value is checked.
    if (config.timeoutSeconds() != 0) {
      search.setTimeout(config.timeoutSeconds());
    }
    if (config.trialTimeoutSeconds() != 0) {
      search.setTrialTimeout(config.trialTimeoutSeconds());
    }
    if (config.stopAfterNoImprovement() != 0) {
      search.setStopAfterNoImprovement(config.stopAfterNoImprovement());
    }
    if (config.targetMetric() != null) {
      search.setTargetMetric(config.targetMetric());
    }
    return search;
  }

  private static Predictor<?, ?, ?> model(String name) {
    switch (name) {
      case "logisticRegression":
        return new LogisticRegression();
      case "randomForest":
        return new RandomForestClassifier();
      case "gbt":
        return new GBTClassifier();
      case "linearRegression":
        return new LinearRegression();
      case "randomForestRegressor":
        return new RandomForestRegressor();
      default:
        throw new IllegalArgumentException("unknown model '" + name + "'; the models are"
            + " [logisticRegression, randomForest, gbt, linearRegression,"
            + " randomForestRegressor].");
    }
  }

  private static Evaluator evaluator(String metric, String labelCol) {
    switch (metric) {
      case "areaUnderROC":
      case "areaUnderPR":
        return new BinaryClassificationEvaluator().setMetricName(metric).setLabelCol(labelCol);
      case "accuracy":
      case "f1":
      case "logLoss":
        return new MulticlassClassificationEvaluator().setMetricName(metric)
            .setLabelCol(labelCol);
      case "rmse":
      case "mae":
      case "r2":
        return new RegressionEvaluator().setMetricName(metric).setLabelCol(labelCol);
      default:
        throw new IllegalArgumentException("unknown metric '" + metric + "'; the metrics are"
            + " [areaUnderROC, areaUnderPR, accuracy, f1, logLoss, rmse, mae, r2].");
    }
  }

  private static SearchSpace space(List<JsonNode> dims, Predictor<?, ?, ?> model) {
    SearchSpace space = new SearchSpace();
    for (JsonNode d : dims) {
      String name = d.path("param").asText();
      if (!model.hasParam(name)) {
        throw new IllegalArgumentException("space param '" + name + "' is not a param of "
            + model.getClass().getSimpleName() + "; its params include "
            + paramNames(model) + ".");
      }
      Param<?> param = model.getParam(name);
      String type = d.path("type").asText();
      if (type.equals("categorical")) {
        List<Object> values = new ArrayList<>();
        d.path("values").forEach(v -> values.add(v.isTextual() ? v.asText()
            : v.isBoolean() ? (Object) v.asBoolean()
            : v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble()));
        space.categorical(param, values.toArray());
        continue;
      }
      Distribution dist;
      if (type.equals("float")) {
        dist = new FloatRange(d.path("low").asDouble(), d.path("high").asDouble(),
            d.path("log").asBoolean(false), d.path("step").asDouble(0));
      } else if (type.equals("int")) {
        dist = new IntRange(d.path("low").asLong(), d.path("high").asLong(),
            d.path("log").asBoolean(false), d.path("step").asLong(1));
      } else {
        throw new IllegalArgumentException("space param '" + name + "' has type '" + type
            + "'; the types are float, int and categorical.");
      }
      space.add(name, param, dist);
    }
    return space;
  }

  private static List<String> paramNames(Predictor<?, ?, ?> model) {
    List<String> names = new ArrayList<>();
    for (Param<?> p : model.params()) {
      names.add(p.name());
    }
    return names;
  }
}
