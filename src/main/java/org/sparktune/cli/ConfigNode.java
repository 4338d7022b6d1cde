package org.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One object of a study config with its dotted path, read strictly: an unknown key fails with
 * the nearest known one, and a value of the wrong type fails naming the key, the value and the
 * type it must have. Nothing is ever silently replaced by a default.
 */
final class ConfigNode {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;
  private final String path;
  private final JsonNode node;

  ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    this.node = node == null ? MissingNode.getInstance() : node;
  }

  /** Whether the key holds a value (not absent, not null). */
  boolean isPresent() {
    return !node.isMissingNode() && !node.isNull();
  }

  JsonNode json() {
    return node;
  }

  String path() {
    return path;
  }

  /** The value at {@code key} (absent when missing). */
  ConfigNode child(String key) {
    return new ConfigNode(file, key(key), node.get(key));
  }

  /** Fails unless every key of this object is one of {@code known}. */
  ConfigNode keys(Collection<String> known) {
    object();
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!known.contains(key)) {
        throw fail("unknown key '" + key(key) + "'." + Suggestions.didYouMean(key, known)
            + " The keys of " + (path.isEmpty() ? "the config" : "'" + path + "'") + " are "
            + new TreeSet<>(known) + ".");
      }
    }
    return this;
  }

  /** This value as an object; fails when it is something else. */
  ConfigNode object() {
    if (isPresent() && !node.isObject()) {
      throw wrongType(path, node, "an object of keys");
    }
    return this;
  }

  /** Fails unless exactly one of {@code keys} is present; returns it. */
  String oneOf(List<String> keys) {
    List<String> present = new ArrayList<>();
    for (String k : keys) {
      if (child(k).isPresent()) {
        present.add(k);
      }
    }
    if (present.size() != 1) {
      throw fail("'" + (path.isEmpty() ? "the config" : path) + "' needs exactly one of "
          + keys + " but has " + (present.isEmpty() ? "none" : present) + ".");
    }
    return present.get(0);
  }

  String requiredText(String key) {
    String v = text(key, null);
    if (v == null) {
      throw fail("missing key '" + key(key) + "' (text).");
    }
    return v;
  }

  String text(String key, String fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual() && !v.isNumber() && !v.isBoolean()) {
      throw wrongType(key(key), v, "text");
    }
    return v.asText();
  }

  /** A whole number, or {@code fallback} when absent; "abc" or 2.5 fail. */
  Long whole(String key, Long fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
      throw wrongType(key(key), v, "a whole number");
    }
    return v.asLong();
  }

  /** A whole number in the int range, or {@code fallback} when absent. */
  Integer integer(String key, Integer fallback) {
    Long v = whole(key, fallback == null ? null : fallback.longValue());
    if (v == null) {
      return null;
    }
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw wrongType(key(key), node.get(key), "a whole number below 2^31");
    }
    return v.intValue();
  }

  Double number(String key, Double fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw wrongType(key(key), v, "a number");
    }
    return v.asDouble();
  }

  boolean bool(String key, boolean fallback) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw wrongType(key(key), v, "true or false");
    }
    return v.asBoolean();
  }

  /** A list of text values (absent: empty). */
  List<String> textList(String key) {
    JsonNode v = node.get(key);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw wrongType(key(key), v, "a list of names, e.g. [a, b]");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw wrongType(key(key), e, "a list of names");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** An object of plain values (text, numbers, booleans, lists, objects) by key, in order. */
  Map<String, Object> plainMap(String key) {
    return child(key).object().plain();
  }

  /** This object's values as plain Java values by key, in order (absent: empty). */
  Map<String, Object> plain() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (isPresent()) {
      node.properties().forEach(e -> out.put(e.getKey(),
          MAPPER.convertValue(e.getValue(), Object.class)));
    }
    return out;
  }

  /** An object of text values by key (numbers and booleans as their text), in order. */
  Map<String, String> textMap(String key) {
    ConfigNode v = child(key).object();
    Map<String, String> out = new LinkedHashMap<>();
    if (v.isPresent()) {
      v.node.properties().forEach(e -> {
        if (e.getValue().isContainerNode()) {
          throw wrongType(key(key) + "." + e.getKey(), e.getValue(), "text");
        }
        out.put(e.getKey(), e.getValue().asText());
      });
    }
    return out;
  }

  /** A failure of this config, {@code "config FILE: message"}, exit code 2. */
  CliFailure fail(String message) {
    return CliFailure.config("config " + file + ": " + message);
  }

  private CliFailure wrongType(String key, JsonNode value, String type) {
    return fail("key '" + key + "' must be " + type + " but is " + value + ".");
  }

  private String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
