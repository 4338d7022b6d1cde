package org.sparktune.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;

/**
 * The evaluator a config asks for: its class with fixed params, or found from the metric alone
 * among the evaluators the classpath registers ({@link StageRegistry}) whose {@code metricName}
 * param accepts it. When several do ({@code accuracy}: multiclass and multilabel), the
 * single-label ones win, in the order {@link #PREFERRED}; name {@code evaluator.class} for
 * another.
 */
final class Evaluators {

  /** Evaluators of single-label tasks first, when a metric names several. */
  static final List<String> PREFERRED = List.of("BinaryClassificationEvaluator",
      "MulticlassClassificationEvaluator", "RegressionEvaluator", "ClusteringEvaluator");

  private Evaluators() {}

  static Evaluator of(StudyConfig config, String labelCol) {
    StageRegistry<Evaluator> registry = StageRegistry.evaluators();
    String metric = config.metric();
    Evaluator evaluator;
    Map<String, Object> params;
    if (config.evaluator() != null) {
      evaluator = registry.create(config.evaluator().className(), "evaluator",
          "evaluator.class");
      params = new java.util.LinkedHashMap<>(config.evaluator().params());
      if (metric != null) {
        if (params.containsKey("metricName")) {
          throw CliFailure.config("'evaluator' sets the metric twice (metric and"
              + " params.metricName); keep 'metric'.");
        }
        params.put("metricName", metric);
      }
    } else {
      if (metric == null) {
        throw CliFailure.config("missing key 'evaluator.metric': name the metric, e.g."
            + " evaluator: {metric: areaUnderROC}.");
      }
      evaluator = byMetric(registry, metric);
      params = Map.of();
    }
    evaluator = StageParams.apply(evaluator, params, "evaluator");
    return ConfiguredStudy.defaults(evaluator, params, labelCol);
  }

  private static Evaluator byMetric(StageRegistry<Evaluator> registry, String metric) {
    List<String> names = new ArrayList<>(PREFERRED);
    for (String alias : registry.aliases()) {
      if (!names.contains(alias)) {
        names.add(alias);
      }
    }
    List<String> allMetrics = new ArrayList<>();
    for (String name : names) {
      Evaluator e;
      try {
        e = registry.create(name, "evaluator", "evaluator.class");
      } catch (CliFailure notHere) {
        continue;
      }
      if (!e.hasParam("metricName")) {
        continue;
      }
      Param<Object> p = e.getParam("metricName");
      if (Boolean.TRUE.equals(p.isValid().apply(metric))) {
        return StageParams.apply(e, Map.of("metricName", metric), "evaluator");
      }
      allMetrics.addAll(metrics(p.doc()));
    }
    throw CliFailure.config("'evaluator.metric' is '" + metric + "', which no evaluator knows."
        + Suggestions.didYouMean(metric, allMetrics) + " The metrics are " + allMetrics
        + "; or name the evaluator with evaluator.class.");
  }

  /** The metric {@code evaluator} computes: its metricName, else its class's simple name. */
  static String metricName(Evaluator evaluator) {
    return evaluator.hasParam("metricName")
        ? String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName")))
        : evaluator.getClass().getSimpleName();
  }

  /** The metric names a metricName param's doc lists, e.g. "(supports "a"|"b")". */
  private static List<String> metrics(String doc) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9]*)\\b")
        .matcher(doc.replaceFirst("^[^(]*\\(", ""));
    int paren = doc.indexOf('(');
    if (paren < 0) {
      return out;
    }
    while (m.find()) {
      String w = m.group(1);
      if (!w.equals("supports") && !w.equals("default") && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
