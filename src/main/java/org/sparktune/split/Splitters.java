package org.sparktune.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds splitters from their name and configuration: the JSON and config codec. */
public final class Splitters {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Splitters() {}

  /** {@code {"name": ..., "config": {...}}}. */
  public static String toJson(Splitter splitter) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", splitter.name());
    json.put("config", splitter.config());
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write splitter " + splitter, e);
    }
  }

  /** Reads what {@link #toJson} wrote. */
  public static Splitter fromJson(String json) {
    try {
      Map<String, Object> map = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
      Object config = map.getOrDefault("config", Map.of());
      if (!(map.get("name") instanceof String name) || !(config instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("splitter JSON " + json + " is not valid; it needs a"
            + " string 'name' and an object 'config': write it with Splitters.toJson.");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> options = (Map<String, Object>) config;
      return fromConfig(name, options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("splitter JSON is not valid: " + e.getOriginalMessage()
          + "; write it with Splitters.toJson.", e);
    }
  }

  /** The splitter called {@code name} ({@link Splitter#name}) with {@code config}. */
  public static Splitter fromConfig(String name, Map<String, ?> config) {
    switch (name) {
      case "kFold":
        check(name, config, Set.of("numFolds"));
        KFold k = new KFold();
        if (config.containsKey("numFolds")) {
          k.setNumFolds(whole(config.get("numFolds")));
        }
        return k;
      case "stratifiedKFold":
        check(name, config, Set.of("numFolds", "labelCol"));
        StratifiedKFold s = new StratifiedKFold();
        if (config.containsKey("numFolds")) {
          s.setNumFolds(whole(config.get("numFolds")));
        }
        if (config.containsKey("labelCol")) {
          s.setLabelCol(String.valueOf(config.get("labelCol")));
        }
        return s;
      case "holdout":
        check(name, config, Set.of("validationRatio", "labelCol"));
        Holdout h = new Holdout();
        if (config.containsKey("validationRatio")) {
          h.setValidationRatio(((Number) config.get("validationRatio")).doubleValue());
        }
        if (config.containsKey("labelCol")) {
          h.setLabelCol(String.valueOf(config.get("labelCol")));
        }
        return h;
      case "foldColumn":
        check(name, config, Set.of("numFolds", "foldCol"));
        FoldColumn f = new FoldColumn();
        if (config.containsKey("numFolds")) {
          f.setNumFolds(whole(config.get("numFolds")));
        }
        if (config.containsKey("foldCol")) {
          f.setFoldCol(String.valueOf(config.get("foldCol")));
        }
        return f;
      default:
        throw SplitErrors.unknownSplitter(name);
    }
  }

  private static void check(String name, Map<String, ?> config, Set<String> known) {
    for (String key : config.keySet()) {
      if (!known.contains(key)) {
        throw SplitErrors.unknownOption(name, key, new TreeSet<>(known).toString());
      }
    }
  }

  private static int whole(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("numFolds is " + value + "; it must be a whole number.");
  }
}
