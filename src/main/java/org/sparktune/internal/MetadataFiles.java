package org.sparktune.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;

/**
 * Reads and writes MLlib-style saved stages: a one-line JSON {@code metadata} text file (class,
 * timestamp, sparkVersion, uid, paramMap, defaultParamMap, as MLlib's own writer lays it out)
 * plus nested stages in sub-directories, loaded again through their class's {@code load}.
 */
public final class MetadataFiles {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MetadataFiles() {}

  /**
   * The metadata of {@code stage}: every param set or defaulted, JSON-encoded, except the
   * ones named in {@code skip} (nested stages saved apart).
   */
  public static ObjectNode describe(Params stage, List<String> skip) {
    ObjectNode meta = MAPPER.createObjectNode();
    meta.put("class", stage.getClass().getName());
    meta.put("timestamp", System.currentTimeMillis());
    meta.put("sparkVersion", Versions.spark());
    meta.put("sparktuneVersion", Versions.library());
    meta.put("formatVersion", 1);
    meta.put("uid", stage.uid());
    ObjectNode set = meta.putObject("paramMap");
    ObjectNode defaults = meta.putObject("defaultParamMap");
    for (Param<?> p : stage.params()) {
      if (skip.contains(p.name())) {
        continue;
      }
      if (stage.isSet(p)) {
        set.set(p.name(), encode(p, stage.getOrDefault(p)));
      } else if (stage.hasDefault(p)) {
        defaults.set(p.name(), encode(p, stage.getDefault(p).get()));
      }
    }
    return meta;
  }

  @SuppressWarnings("unchecked")
  private static JsonNode encode(Param<?> p, Object value) {
    return parse(((Param<Object>) p).jsonEncode(value));
  }

  /** The params of {@code meta}'s paramMap, decoded against {@code stage}'s params. */
  public static ParamMap decodeParams(Params stage, JsonNode meta) {
    ParamMap map = new ParamMap();
    meta.path("paramMap").properties().forEach(e -> {
      if (stage.hasParam(e.getKey())) {
        Param<Object> p = stage.getParam(e.getKey());
        map.put(p, p.jsonDecode(e.getValue().toString()));
      }
    });
    return map;
  }

  /** Writes {@code meta} to {@code path}/metadata. */
  public static void write(SparkContext sc, String path, JsonNode meta) {
    writeLines(sc, path + "/metadata", List.of(meta.toString()));
  }

  /** Writes {@code lines} as one text file under {@code dir}. */
  public static void writeLines(SparkContext sc, String dir, List<String> lines) {
    JavaSparkContext.fromSparkContext(sc).parallelize(lines, 1).saveAsTextFile(dir);
  }

  /** Every line of the text files under {@code dir}. */
  public static List<String> readLines(SparkContext sc, String dir) {
    return JavaSparkContext.fromSparkContext(sc).textFile(dir, 1).collect();
  }

  /** Reads {@code path}/metadata and checks it was written for {@code expectedClass}. */
  public static JsonNode read(SparkContext sc, String path, Class<?> expectedClass) {
    JsonNode meta = parse(readLines(sc, path + "/metadata").get(0));
    String cls = meta.path("class").asText();
    if (expectedClass != null && !cls.equals(expectedClass.getName())) {
      throw new IllegalArgumentException("the stage saved at " + path + " is a " + cls
          + ", not a " + expectedClass.getName() + "; load it with " + cls + ".load(path).");
    }
    return meta;
  }

  /** Saves a nested stage under {@code path}; it must be MLWritable. */
  public static void saveNested(Object stage, String role, String path) {
    if (!(stage instanceof MLWritable writable)) {
      throw new IllegalArgumentException("the " + role + " " + stage + " cannot be saved: its"
          + " class " + stage.getClass().getName() + " is not MLWritable; save the pieces"
          + " yourself or use a writable " + role + ".");
    }
    try {
      writable.write().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save the " + role + " at " + path, e);
    }
  }

  /** Loads the stage saved under {@code path} through its class's static {@code load}. */
  @SuppressWarnings("unchecked")
  public static <T> T loadNested(SparkContext sc, String path) {
    String cls = read(sc, path, null).path("class").asText();
    try {
      return (T) Class.forName(cls).getMethod("load", String.class).invoke(null, path);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot load the " + cls + " saved at " + path + ": "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot load the " + cls + " saved at " + path
          + ": the class has no static load(String); is its library on the classpath?", e);
    }
  }

  /** Parses JSON text. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("saved metadata is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  /** A fresh JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
