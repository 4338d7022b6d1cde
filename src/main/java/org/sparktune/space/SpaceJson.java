package org.sparktune.space;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads search spaces as JSON, with Jackson's tree model. The reader is strict: an
 * unknown key or a value of the wrong type fails naming it. A param is the object {@code
 * {"stage": uid, "name": param}} that {@link #write} writes, or the text {@code "uid.param"}.
 */
final class SpaceJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> ROOT_KEYS = List.of("dimensions", "fixed");
  private static final List<String> DIMENSION_KEYS = List.of("name", "param", "type", "low",
      "high", "log", "step", "values", "when");
  private static final List<String> FIXED_KEYS = List.of("name", "param", "value");
  private static final List<String> WHEN_KEYS = List.of("parent", "values");
  private static final List<String> PARAM_KEYS = List.of("stage", "name");

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
    keys(root, "the space", ROOT_KEYS);
    SearchSpace space = new SearchSpace();
    for (JsonNode node : list(root, "dimensions")) {
      keys(node, "a dimension", DIMENSION_KEYS);
      String name = text(node, "name");
      space.add(name, null, distribution(name, node), condition(name, node.get("when")));
      readRef(space, name, node);
    }
    for (JsonNode node : list(root, "fixed")) {
      keys(node, "a fixed value", FIXED_KEYS);
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
        return new FloatRange(number(name, node, "low", null), number(name, node, "high", null),
            bool(name, node, "log"), number(name, node, "step", 0.0));
      case "int":
        return new IntRange(whole(name, node, "low", null), whole(name, node, "high", null),
            bool(name, node, "log"), whole(name, node, "step", 1L));
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
    keys(when, "the 'when' of dimension '" + name + "'", WHEN_KEYS);
    List<Object> values = new ArrayList<>();
    when.path("values").forEach(v -> values.add(value(name, v)));
    return new Condition(text(when, "parent"), values);
  }

  private static void readRef(SearchSpace space, String name, JsonNode node) {
    JsonNode ref = node.get("param");
    if (ref != null && ref.isTextual()) {
      // "stage.param": the short form a hand-written config uses
      String text = ref.asText();
      int dot = text.lastIndexOf('.');
      if (dot <= 0 || dot == text.length() - 1) {
        throw SpaceErrors.badJson("dimension '" + name + "' has param '" + text + "'; write it"
            + " as \"<stage uid>.<param name>\", e.g. \"model.regParam\"", null);
      }
      space.addRef(name, new ParamRef(text.substring(0, dot), text.substring(dot + 1)));
    } else if (ref != null) {
      keys(ref, "the param of '" + name + "'", PARAM_KEYS);
      space.addRef(name, new ParamRef(text(ref, "stage"), text(ref, "name")));
    }
  }

  private static Iterable<JsonNode> list(JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v != null && !v.isNull() && !v.isArray()) {
      throw SpaceErrors.badJson("'" + key + "' must be a list but is " + v, null);
    }
    return root.path(key);
  }

  /** Fails on a key that is not one of {@code known}, naming the nearest. */
  private static void keys(JsonNode node, String what, List<String> known) {
    if (!node.isObject()) {
      throw SpaceErrors.badJson(what + " must be an object but is " + node, null);
    }
    for (String key : (Iterable<String>) node::fieldNames) {
      if (!known.contains(key)) {
        String near = known.stream().min(java.util.Comparator.comparingInt(k -> distance(k,
            key))).filter(k -> distance(k, key) <= Math.max(k.length(), key.length()) / 3 + 1)
            .map(k -> " (did you mean '" + k + "'?)").orElse("");
        throw SpaceErrors.badJson(what + " has unknown key '" + key + "'" + near
            + "; its keys are " + known, null);
      }
    }
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1),
            Math.min(prev[j], cur[j - 1]) + 1);
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static double number(String name, JsonNode node, String key, Double fallback) {
    JsonNode v = node.get(key);
    if ((v == null || v.isNull()) && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isNumber()) {
      throw SpaceErrors.badJson("dimension '" + name + "' needs a number '" + key + "' but has "
          + v, null);
    }
    return v.asDouble();
  }

  private static long whole(String name, JsonNode node, String key, Long fallback) {
    JsonNode v = node.get(key);
    if ((v == null || v.isNull()) && fallback != null) {
      return fallback;
    }
    if (v == null || !v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
      throw SpaceErrors.badJson("dimension '" + name + "' needs a whole number '" + key
          + "' but has " + v, null);
    }
    return v.asLong();
  }

  private static boolean bool(String name, JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw SpaceErrors.badJson("dimension '" + name + "' needs true or false for '" + key
          + "' but has " + v, null);
    }
    return v.asBoolean();
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
