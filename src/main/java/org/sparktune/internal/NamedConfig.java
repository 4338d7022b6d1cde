package org.sparktune.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pluggable part (sampler, scheduler, splitter) as JSON: {@code {"name": ..., "config":
 * {...}}}, the one shape persistence, configs and provenance use for all of them. Plain Java
 * and Jackson: no Spark.
 *
 * @param name the part's short stable name
 * @param config its options as plain values
 */
public record NamedConfig(String name, Map<String, Object> config) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes {@code name} and {@code config} as one JSON object; {@code kind} names the part. */
  public static String toJson(String kind, String name, Map<String, Object> config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("config", config);
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + kind + " " + name + " " + config, e);
    }
  }

  /** Reads what {@link #toJson} wrote; {@code writer} names the method to write it with. */
  public static NamedConfig parse(String kind, String writer, String json) {
    try {
      Map<String, Object> map = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
      Object config = map.getOrDefault("config", Map.of());
      if (!(map.get("name") instanceof String name) || !(config instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(kind + " JSON " + json + " needs a string 'name' and"
            + " an object 'config'; write it with " + writer + ".");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> options = (Map<String, Object>) config;
      return new NamedConfig(name, options);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(kind + " JSON is not valid: " + e.getOriginalMessage()
          + "; write it with " + writer + ".", e);
    }
  }
}
