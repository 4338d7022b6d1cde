package org.sparktune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;
import org.sparktune.split.Splitter;
import org.sparktune.split.Splitters;

/** A param holding a {@link Splitter}, persisted as its name and configuration. */
public final class SplitterParam extends Param<Splitter> {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A splitter param of {@code parent}. */
  public SplitterParam(Identifiable parent, String name, String doc) {
    super(parent, name, doc);
  }

  @Override
  public String jsonEncode(Splitter value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", value.name());
    json.put("config", value.config());
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write splitter " + value, e);
    }
  }

  @Override
  public Splitter jsonDecode(String json) {
    try {
      Map<String, Object> map = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
      @SuppressWarnings("unchecked")
      Map<String, Object> config = (Map<String, Object>) map.getOrDefault("config", Map.of());
      return Splitters.fromConfig(String.valueOf(map.get("name")), config);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("splitter JSON " + json + " is not valid; it needs a"
          + " string 'name' and an object 'config'.", e);
    }
  }
}
