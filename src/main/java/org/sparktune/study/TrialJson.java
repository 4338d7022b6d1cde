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
    node.set("params", params(t.params()));
    node.put("state", t.state().name());
    ArrayNode values = node.putArray("values");
    t.values().forEach(values::add);
    ArrayNode rungs = node.putArray("rungs");
    for (Rung r : t.rungs()) {
      rungs.add(rungNode(r));
    }
    node.put("seed", t.seed());
    node.put("start", text(t.start()));
    node.put("end", text(t.end()));
    node.put("error", t.error());
    return node.toString();
  }

  /**
   * Reads what {@link #write} wrote; also a trial written before trials had rungs (one
   * {@code value} and its {@code foldMetrics}), which becomes one full-budget rung.
   */
  public static Trial read(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      Map<String, Object> params = new LinkedHashMap<>();
      n.path("params").properties().forEach(e -> params.put(e.getKey(), plain(e.getValue())));
      List<Double> values = new ArrayList<>();
      List<Rung> rungs = new ArrayList<>();
      if (n.has("rungs")) {
        n.path("values").forEach(v -> values.add(v.asDouble()));
        for (JsonNode r : n.path("rungs")) {
          rungs.add(rungOf(r));
        }
      } else if (n.hasNonNull("value")) {
        values.add(n.get("value").asDouble());
        rungs.add(new Rung(0, 1.0, doubles(n.path("foldMetrics")), values.get(0),
            instant(n.get("start")), instant(n.get("end"))));
      }
      return new Trial(n.path("number").asInt(), params,
          TrialState.valueOf(n.path("state").asText()), values, rungs,
          n.path("seed").asLong(), instant(n.get("start")), instant(n.get("end")),
          n.hasNonNull("error") ? n.get("error").asText() : null);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("trial record is not valid JSON of a trial: " + json
          + "; it must be written by TrialJson.write.", e);
    }
  }

  /** A trial's params as a JSON object, value kinds kept (see {@link #readParams}). */
  public static String writeParams(Map<String, Object> params) {
    return params(params).toString();
  }

  private static ObjectNode params(Map<String, Object> params) {
    ObjectNode node = MAPPER.createObjectNode();
    params.forEach((k, v) -> node.set(k, MAPPER.valueToTree(v)));
    return node;
  }

  /** Reads what {@link #writeParams} wrote: a whole number as a Long, else a Double. */
  public static Map<String, Object> readParams(String json) {
    try {
      Map<String, Object> params = new LinkedHashMap<>();
      MAPPER.readTree(json).properties().forEach(e -> params.put(e.getKey(),
          e.getValue().isObject() ? e.getValue().toString() : plain(e.getValue())));
      return params;
    } catch (IOException e) {
      throw new IllegalArgumentException("params are not a JSON object: " + json, e);
    }
  }

  /** One rung as a JSON object. */
  public static String writeRung(Rung r) {
    return rungNode(r).toString();
  }

  private static ObjectNode rungNode(Rung r) {
    ObjectNode rung = MAPPER.createObjectNode();
    rung.put("rung", r.rung());
    rung.put("budget", r.budget());
    ArrayNode folds = rung.putArray("foldValues");
    r.foldValues().forEach(folds::add);
    rung.put("value", r.value());
    rung.put("start", text(r.start()));
    rung.put("end", text(r.end()));
    if (r.iterations() != null) {
      rung.put("iterations", r.iterations());
    }
    if (r.partial()) {
      rung.put("partial", true);
    }
    return rung;
  }

  /** Reads what {@link #writeRung} wrote. */
  public static Rung readRung(String json) {
    try {
      return rungOf(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException("rung is not valid JSON: " + json, e);
    }
  }

  private static Rung rungOf(JsonNode r) {
    return new Rung(r.path("rung").asInt(), r.path("budget").asDouble(),
        doubles(r.path("foldValues")), r.path("value").asDouble(), instant(r.get("start")),
        instant(r.get("end")), r.hasNonNull("iterations") ? r.get("iterations").asInt() : null,
        r.path("partial").asBoolean(false));
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
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
