package org.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a {@link StudyConfig} from a config file and {@code --set} overrides, strictly. */
final class StudyConfigReader {

  static final List<String> KEYS = List.of("study", "input", "label", "features", "estimator",
      "evaluator", "space", "sampler", "scheduler", "fidelity", "splitter", "raceFolds",
      "budget", "studyLog", "outputs");
  private static final List<String> INPUT_KEYS = List.of("delta", "table", "parquet", "csv",
      "version", "options", "columns");
  private static final List<String> FEATURE_KEYS = List.of("numeric", "categorical",
      "exclude", "pipeline");
  private static final List<String> STAGE_KEYS = List.of("class", "params");
  private static final List<String> BUDGET_KEYS = List.of("maxTrials", "parallelism", "seed",
      "timeoutSeconds", "trialTimeoutSeconds", "stopAfterNoImprovement", "targetMetric");
  private static final List<String> OUTPUT_KEYS = List.of("dir", "trialsFormat");
  private static final List<String> TRIAL_FORMATS = List.of("csv", "parquet", "json");

  private StudyConfigReader() {}

  /** The config at {@code file} with {@code overrides} ({@code key.path=value}) applied. */
  static StudyConfig read(Path file, List<String> overrides) {
    JsonNode tree = ConfigFiles.read(file, overrides);
    ConfigNode root = new ConfigNode(file.toString(), "", tree).keys(KEYS);
    String fileName = file.getFileName().toString();
    String study = root.text("study", fileName.replaceFirst("\\.[^.]*$", ""));
    ConfigNode budget = root.child("budget").keys(BUDGET_KEYS);
    ConfigNode space = root.child("space");
    if (!space.isPresent()) {
      throw root.fail("missing key 'space': give the search space, e.g. space: {dimensions:"
          + " [{name: regParam, param: model.regParam, type: float, low: 0.0001, high: 1,"
          + " log: true}]}.");
    }
    space.object();
    ConfigNode evaluator = root.child("evaluator").keys(List.of("class", "params", "metric"));
    return new StudyConfig(file, study, input(root.child("input")), root.text("label", null),
        features(root.child("features")), estimator(root),
        evaluator.child("class").isPresent() ? stage(evaluator) : null,
        evaluator.text("metric", null), space.json().toString(),
        part(root.child("sampler"), "random", "random"),
        part(root.child("scheduler"), "fullBudget", "multiFidelity"),
        part(root.child("fidelity"), "dataFraction", "dataFraction"),
        part(root.child("splitter"), "kFold", "kFold"), root.bool("raceFolds", false),
        new StudyConfig.Budget(budget.integer("maxTrials", 20),
            budget.integer("parallelism", 1), budget.whole("seed", 42L),
            budget.number("timeoutSeconds", null), budget.number("trialTimeoutSeconds", null),
            budget.integer("stopAfterNoImprovement", null),
            budget.number("targetMetric", null)),
        root.text("studyLog", null), outputs(root.child("outputs")));
  }

  private static StudyConfig.Input input(ConfigNode input) {
    if (!input.isPresent()) {
      throw input.fail("missing key 'input': give the data, e.g. input: {delta: /delta/events}"
          + " or input: {csv: data.csv, options: {header: true}}.");
    }
    input.keys(INPUT_KEYS);
    String format = input.oneOf(List.of("delta", "table", "parquet", "csv"));
    Long version = input.whole("version", null);
    if (version != null && !format.equals("delta") && !format.equals("table")) {
      throw input.fail("key 'input.version' is for Delta tables (input.delta or input.table),"
          + " not " + format + "; remove it.");
    }
    return new StudyConfig.Input(format, input.requiredText(format), version,
        input.textMap("options"), input.textList("columns"));
  }

  private static StudyConfig.Features features(ConfigNode features) {
    features.keys(FEATURE_KEYS);
    String pipeline = features.text("pipeline", null);
    StudyConfig.Features out = new StudyConfig.Features(features.textList("numeric"),
        features.textList("categorical"), features.textList("exclude"), pipeline);
    if (pipeline != null && !(out.numeric().isEmpty() && out.categorical().isEmpty())) {
      throw features.fail("'features' has both 'pipeline' and columns; a saved pipeline makes"
          + " the features itself: keep one.");
    }
    return out;
  }

  private static StudyConfig.EstimatorSpec estimator(ConfigNode root) {
    ConfigNode node = root.child("estimator");
    if (!node.isPresent()) {
      if (root.child("features").child("pipeline").isPresent()) {
        return new StudyConfig.EstimatorSpec(null, Map.of());
      }
      throw node.fail("missing key 'estimator': give its class, e.g. estimator: {class:"
          + " LogisticRegression, params: {maxIter: 50}}.");
    }
    if (node.json().isTextual()) {
      return new StudyConfig.EstimatorSpec(new StudyConfig.Stage(node.json().asText(),
          Map.of(), "estimator"), Map.of());
    }
    node.keys(List.of("class", "params", "choice"));
    if (!node.child("choice").isPresent()) {
      return new StudyConfig.EstimatorSpec(stage(node), Map.of());
    }
    if (node.child("class").isPresent()) {
      throw node.fail("'estimator' has both 'class' and 'choice'; keep one.");
    }
    ConfigNode choice = node.child("choice").object();
    Map<String, StudyConfig.Stage> candidates = new LinkedHashMap<>();
    choice.json().fieldNames().forEachRemaining(name -> {
      ConfigNode candidate = choice.child(name);
      candidates.put(name, candidate.json().isTextual()
          ? new StudyConfig.Stage(candidate.json().asText(), Map.of(), candidate.path())
          : stage(candidate.keys(STAGE_KEYS)));
    });
    if (candidates.isEmpty()) {
      throw choice.fail("'estimator.choice' is empty; name each candidate, e.g. choice: {lr:"
          + " LogisticRegression, rf: RandomForestClassifier}.");
    }
    return new StudyConfig.EstimatorSpec(null, candidates);
  }

  private static StudyConfig.Stage stage(ConfigNode node) {
    return new StudyConfig.Stage(node.requiredText("class"), node.plainMap("params"),
        node.path());
  }

  /**
   * A part: {@code absent} when the key is missing, the text when it is a name alone, else an
   * object whose {@code name} (or {@code unnamed}) is the name and whose other keys are options.
   */
  private static StudyConfig.Part part(ConfigNode node, String absent, String unnamed) {
    if (!node.isPresent()) {
      return new StudyConfig.Part(absent, Map.of());
    }
    if (node.json().isTextual()) {
      return new StudyConfig.Part(node.json().asText(), Map.of());
    }
    Map<String, Object> options = node.object().plain();
    String name = node.text("name", unnamed);
    options.remove("name");
    return new StudyConfig.Part(name, options);
  }

  private static StudyConfig.Outputs outputs(ConfigNode node) {
    if (!node.isPresent()) {
      return null;
    }
    node.keys(OUTPUT_KEYS);
    String format = node.text("trialsFormat", "csv").toLowerCase(Locale.ROOT);
    if (!TRIAL_FORMATS.contains(format)) {
      throw node.fail("key 'outputs.trialsFormat' is '" + format + "'; it must be one of "
          + TRIAL_FORMATS + "." + Suggestions.didYouMean(format, TRIAL_FORMATS));
    }
    return new StudyConfig.Outputs(node.requiredText("dir"), format);
  }
}
