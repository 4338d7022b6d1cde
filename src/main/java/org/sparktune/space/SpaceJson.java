package org.sparktune.space;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes and reads search spaces as JSON, with Jackson's tree model. */
final class SpaceJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SpaceJson() {}

  static String write(SearchSpace space) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode dims = root.putArray("dimensions");
    for (Dimension d : space.dimensions()) {
      ObjectNode node = dims.addObject();
      node.put("name", d.name());
      writeRef(node, space.paramRefs().get(d.name()));
      if (d.distribution() instanceof FloatRange r) {
        node.put("type", "float").put("low", r.low()).put("high", r.high())
            .put("log", r.log()).put("step", r.step());
      } else if (d.distribution() instanceof IntRange r) {
        node.put("type", "int").put("low", r.low()).put("high", r.high())
            .put("log", r.log()).put("step", r.step());
      } else if (d.distribution() instanceof Categorical c) {
        node.put("type", "categorical");
        ArrayNode values = node.putArray("values");
        c.choices().forEach(v -> values.add(MAPPER.valueToTree(v)));
      }
      if (d.condition() != null) {
        ObjectNode when = node.putObject("when").put("parent", d.condition().parent());
        ArrayNode values = when.putArray("values");
        d.condition().values().forEach(v -> values.add(MAPPER.valueToTree(v)));
      }
    }
    ArrayNode fixed = root.putArray("fixed");
    for (Map.Entry<String, Object> e : space.fixedValues().entrySet()) {
      ObjectNode node = fixed.addObject();
      node.put("name", e.getKey());
      writeRef(node, space.paramRefs().get(e.getKey()));
      node.set("value", MAPPER.valueToTree(e.getValue()));
    }
    return root.toString();
  }

  private static void writeRef(ObjectNode node, ParamRef ref) {
    if (ref != null) {
      node.putObject("param").put("stage", ref.stageUid()).put("name", ref.paramName());
    }
  }

  static SearchSpace read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw SpaceErrors.badJson(e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw SpaceErrors.badJson("expected an object with 'dimensions'", null);
    }
    SearchSpace space = new SearchSpace();
    for (JsonNode node : root.path("dimensions")) {
      String name = text(node, "name");
      space.add(name, null, distribution(name, node), condition(name, node.get("when")));
      readRef(space, name, node);
    }
    for (JsonNode node : root.path("fixed")) {
      String name = text(node, "name");
      space.addFixed(name, value(name, node.get("value")));
      readRef(space, name, node);
    }
    space.dimensions(); // fails here, naming the fix, if a condition is not well formed
    return space;
  }

  private static Distribution distribution(String name, JsonNode node) {
    String type = text(node, "type");
    switch (type) {
      case "float":
        return new FloatRange(node.path("low").asDouble(), node.path("high").asDouble(),
            node.path("log").asBoolean(false), node.path("step").asDouble(0));
      case "int":
        return new IntRange(node.path("low").asLong(), node.path("high").asLong(),
            node.path("log").asBoolean(false), node.path("step").asLong(1));
      case "categorical":
        List<Object> values = new ArrayList<>();
        node.path("values").forEach(v -> values.add(value(name, v)));
        return Values.categorical(name, values.toArray());
      default:
        throw SpaceErrors.badJson("dimension '" + name + "' has type '" + type
            + "'; the types are float, int and categorical", null);
    }
  }

  private static Condition condition(String name, JsonNode when) {
    if (when == null || when.isNull()) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    when.path("values").forEach(v -> values.add(value(name, v)));
    return new Condition(text(when, "parent"), values);
  }

  private static void readRef(SearchSpace space, String name, JsonNode node) {
    JsonNode ref = node.get("param");
    if (ref != null) {
      space.addRef(name, new ParamRef(text(ref, "stage"), text(ref, "name")));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw SpaceErrors.badJson("missing text field '" + field + "' in " + node, null);
    }
    return v.asText();
  }

  private static Object value(String name, JsonNode v) {
    if (v == null || v.isNull()) {
      throw SpaceErrors.badJson("dimension '" + name + "' has a null value", null);
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    throw SpaceErrors.badJson("dimension '" + name + "' has value " + v
        + "; values are strings, booleans or numbers", null);
  }
}
