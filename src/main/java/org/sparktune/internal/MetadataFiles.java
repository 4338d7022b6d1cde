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
 * timestamp, sparkVersion, uid, paramMap, defaultParamMap, as MLlib's own writer lays it out,
 * plus sparktuneVersion and formatVersion) and nested stages in sub-directories, loaded again
 * through their class's {@code load}.
 *
 * <p>{@link #read} refuses a formatVersion this build does not know; metadata without one (saved
 * before the field was written) reads as format 1. Nested stages' classes are resolved through
 * the thread's context class loader, as Spark's own readers do, so stages from jars a notebook
 * or spark-submit added load too.
 */
public final class MetadataFiles {

  /** The formatVersion {@link #describe} writes. */
  public static final int FORMAT_VERSION = 1;

  /** Every formatVersion {@link #read} accepts. */
  public static final List<Integer> READABLE_FORMATS = List.of(1);

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
    meta.put("formatVersion", FORMAT_VERSION);
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

  /**
   * Reads {@code path}/metadata and, unless {@code expectedClass} is null, checks it was written
   * for that class in a format this build reads.
   */
  public static JsonNode read(SparkContext sc, String path, Class<?> expectedClass) {
    JsonNode meta = parse(readLines(sc, path + "/metadata").get(0));
    String cls = meta.path("class").asText();
    if (expectedClass == null) {
      return meta;
    }
    if (!cls.equals(expectedClass.getName())) {
      throw PersistenceErrors.wrongClass(path, cls, expectedClass.getName());
    }
    JsonNode format = meta.get("formatVersion");
    if (format != null && !(format.isInt() && READABLE_FORMATS.contains(format.intValue()))) {
      throw PersistenceErrors.unknownFormat(path, cls, format.toString(), READABLE_FORMATS,
          meta.path("sparktuneVersion").asText(""));
    }
    return meta;
  }

  /** Saves a nested stage under {@code path}; it must be MLWritable. */
  public static void saveNested(Object stage, String role, String path) {
    if (!(stage instanceof MLWritable writable)) {
      throw PersistenceErrors.notWritable(role, stage);
    }
    try {
      writable.write().save(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot save the " + role + " at " + path, e);
    }
  }

  /**
   * Loads the stage saved under {@code path} through its class's static {@code load}, the class
   * found by {@link #classLoader()}. What {@code load} throws unchecked is thrown as it is (its
   * message names the nested path).
   */
  @SuppressWarnings("unchecked")
  public static <T> T loadNested(SparkContext sc, String path) {
    String cls = read(sc, path, null).path("class").asText();
    Class<?> type;
    try {
      type = Class.forName(cls, true, classLoader());
    } catch (ClassNotFoundException e) {
      throw PersistenceErrors.classNotFound(path, cls, e);
    }
    try {
      return (T) type.getMethod("load", String.class).invoke(null, path);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw PersistenceErrors.loadFailed(path, cls, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw PersistenceErrors.noLoadMethod(path, cls, e);
    }
  }

  /**
   * The loader that resolves saved stages' classes: the thread's context class loader, which
   * notebooks and spark-submit give the user's jars, or sparktune's own when the thread has none
   * (as Spark's {@code Utils.getContextOrSparkClassLoader}).
   */
  public static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : MetadataFiles.class.getClassLoader();
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
