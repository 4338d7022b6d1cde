package org.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study described in a JSON file: the data, the label, the model, the space, the sampler, the
 * splitter, the metric and the budgets. Every key is checked when read; an unknown or
 * mistyped key fails with its name, the keys allowed and the file.
 *
 * @param dataPath where the data is
 * @param dataFormat a Spark source format: csv, parquet, json, delta, libsvm
 * @param dataOptions reader options (csv: header, sep, …)
 * @param columns names for a header-less CSV, or empty
 * @param label the label column
 * @param model the final estimator's name
 * @param space the dimensions, as JSON objects
 * @param sampler sampler name and options
 * @param splitter splitter name and options
 * @param metric the evaluator's metric name
 * @param scheduler scheduler name and options: fullBudget when the key is absent,
 *     multiFidelity (ASHA above parallelism 1, successive halving at 1) when it has no name
 * @param fidelity fidelity name and options (default dataFraction), e.g. {@code {"name":
 *     "iterations", "param": "maxIter", "maxValue": 81}}
 * @param raceFolds whether each rung races its folds (default false)
 * @param maxTrials trials at most
 * @param parallelism trials at once
 * @param seed study seed
 * @param timeoutSeconds wall-clock budget of the search, 0 for none
 * @param trialTimeoutSeconds wall-clock budget of each trial at each data fraction, 0 for none
 * @param stopAfterNoImprovement finished trials in a row without a better value that stop the
 *     study, 0 for none
 * @param targetMetric the metric value that stops the study once a trial reaches it, or null
 */
public record StudyConfig(String dataPath, String dataFormat, Map<String, String> dataOptions,
    List<String> columns, String label, String model, List<JsonNode> space,
    Map<String, Object> sampler, Map<String, Object> splitter, String metric,
    Map<String, Object> scheduler, Map<String, Object> fidelity, boolean raceFolds,
    int maxTrials, int parallelism, long seed, double timeoutSeconds,
    double trialTimeoutSeconds, int stopAfterNoImprovement, Double targetMetric) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("data", "label", "model", "space", "sampler",
      "splitter", "metric", "scheduler", "fidelity", "raceFolds", "maxTrials", "parallelism",
      "seed", "timeoutSeconds", "trialTimeoutSeconds", "stopAfterNoImprovement",
      "targetMetric");
  private static final Set<String> DATA_KEYS = Set.of("path", "format", "options", "columns");

  /** Reads and checks the config at {@code file}. */
  public static StudyConfig read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage()
          + "; give the path of a JSON study config, e.g. test-data/adult-study.json.", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config " + file + " must hold a JSON object.");
    }
    checkKeys(file, "", root, KEYS);
    JsonNode data = require(file, root, "data");
    checkKeys(file, "data.", data, DATA_KEYS);
    Map<String, String> options = new LinkedHashMap<>();
    data.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asText()));
    List<String> columns = new ArrayList<>();
    data.path("columns").forEach(c -> columns.add(c.asText()));
    List<JsonNode> space = new ArrayList<>();
    require(file, root, "space").forEach(space::add);
    return new StudyConfig(text(file, data, "path", null), text(file, data, "format", "csv"),
        options, columns, text(file, root, "label", null), text(file, root, "model", null),
        space, object(root.get("sampler"), "random"), object(root.get("splitter"), "kFold"),
        text(file, root, "metric", null),
        object(root.get("scheduler"), "fullBudget", "multiFidelity"),
        object(root.get("fidelity"), "dataFraction"), bool(file, root, "raceFolds"),
        root.path("maxTrials").asInt(20),
        root.path("parallelism").asInt(1), root.path("seed").asLong(42),
        root.path("timeoutSeconds").asDouble(0), root.path("trialTimeoutSeconds").asDouble(0),
        root.path("stopAfterNoImprovement").asInt(0),
        number(file, root, "targetMetric"));
  }

  private static void checkKeys(Path file, String prefix, JsonNode node, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!known.contains(key)) {
        throw new IllegalArgumentException("config " + file + " has unknown key '" + prefix + key
            + "'; the keys there are " + new java.util.TreeSet<>(known) + ".");
      }
    }
  }

  private static JsonNode require(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("config " + file + " needs key '" + key + "'.");
    }
    return v;
  }

  /** The number at {@code key}, or null when the key is absent. */
  private static Double number(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("config " + file + " key '" + key + "' must be a"
          + " number but is " + v + ".");
    }
    return v.asDouble();
  }

  private static String text(Path file, JsonNode node, String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException("config " + file + " needs text key '" + key + "'.");
      }
      return fallback;
    }
    return v.asText();
  }

  private static boolean bool(Path file, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("config " + file + " key '" + key + "' is " + v
          + "; it must be true or false.");
    }
    return v.asBoolean();
  }

  private static Map<String, Object> object(JsonNode node, String defaultName) {
    return object(node, defaultName, defaultName);
  }

  /**
   * The part's name and options: {@code absent} when the key is missing, the text when it is a
   * name alone ({@code "random"}), {@code unnamed} when it is an object without a name.
   */
  private static Map<String, Object> object(JsonNode node, String absent, String unnamed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", node == null || node.isNull() ? absent : unnamed);
    if (node != null && node.isTextual()) {
      out.put("name", node.asText());
    } else if (node != null && !node.isNull()) {
      out.putAll(MAPPER.convertValue(node, MAPPER.getTypeFactory()
          .constructMapType(LinkedHashMap.class, String.class, Object.class)));
    }
    return out;
  }
}
