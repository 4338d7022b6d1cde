package org.sparktune.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trials as one-line JSON: how saved models and study logs keep them, with nothing lost
 * (value kinds included: a Long stays a Long, a Double a Double).
 */
public final class TrialJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TrialJson() {}

  /** One trial as a JSON object on one line. */
  public static String write(Trial t) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("number", t.number());
    ObjectNode params = node.putObject("params");
    t.params().forEach((k, v) -> params.set(k, MAPPER.valueToTree(v)));
    node.put("state", t.state().name());
    if (!Double.isNaN(t.value())) {
      node.put("value", t.value());
    }
    ArrayNode folds = node.putArray("foldMetrics");
    t.foldMetrics().forEach(folds::add);
    node.put("seed", t.seed());
    node.put("start", t.start() == null ? null : t.start().toString());
    node.put("end", t.end() == null ? null : t.end().toString());
    node.put("error", t.error());
    return node.toString();
  }

  /** Reads what {@link #write} wrote. */
  public static Trial read(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      Map<String, Object> params = new LinkedHashMap<>();
      n.path("params").properties().forEach(e -> params.put(e.getKey(), plain(e.getValue())));
      List<Double> folds = new ArrayList<>();
      n.path("foldMetrics").forEach(f -> folds.add(f.asDouble()));
      return new Trial(n.path("number").asInt(), params,
          TrialState.valueOf(n.path("state").asText()),
          n.hasNonNull("value") ? n.get("value").asDouble() : Double.NaN, folds,
          n.path("seed").asLong(), instant(n.get("start")), instant(n.get("end")),
          n.hasNonNull("error") ? n.get("error").asText() : null);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("trial record is not valid JSON of a trial: " + json
          + "; it must be written by TrialJson.write.", e);
    }
  }

  private static Object plain(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    return v.asDouble();
  }

  private static Instant instant(JsonNode v) {
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }
}
