package org.sparktune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;

/**
 * Sets a config's fixed params on an MLlib stage, through each param's own JSON decoder (so
 * every param type MLlib can save, a config can set) and its validator.
 */
final class StageParams {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StageParams() {}

  /** A copy of {@code stage} (same uid) with {@code values} set; {@code key} for messages. */
  static <S extends Params> S apply(S stage, Map<String, Object> values, String key) {
    ParamMap map = new ParamMap();
    for (Map.Entry<String, Object> e : values.entrySet()) {
      put(map, stage, e.getKey(), e.getValue(), key);
    }
    @SuppressWarnings("unchecked")
    S copy = (S) stage.copy(map);
    return copy;
  }

  /** The names of {@code stage}'s params, sorted. */
  static List<String> names(Params stage) {
    List<String> names = new ArrayList<>();
    for (Param<?> p : stage.params()) {
      names.add(p.name());
    }
    return new ArrayList<>(new TreeSet<>(names));
  }

  private static void put(ParamMap map, Params stage, String name, Object value, String key) {
    String where = key + ".params." + name;
    String owner = stage.getClass().getSimpleName();
    if (!stage.hasParam(name)) {
      throw CliFailure.config("'" + where + "': " + owner + " has no param '" + name + "'."
          + Suggestions.didYouMean(name, names(stage)) + " Its params are " + names(stage)
          + ".");
    }
    Param<Object> param = stage.getParam(name);
    if ((param instanceof IntParam || param instanceof LongParam)
        && !(value instanceof Integer || value instanceof Long)) {
      throw badValue(where, owner, param, value, "a whole number");
    }
    if ((param instanceof DoubleParam || param instanceof FloatParam)
        && !(value instanceof Number)) {
      throw badValue(where, owner, param, value, "a number");
    }
    Object decoded;
    try {
      decoded = param.jsonDecode(MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException | RuntimeException | scala.NotImplementedError e) {
      throw badValue(where, owner, param, value, "a value of its type");
    }
    boolean valid;
    try {
      valid = Boolean.TRUE.equals(param.isValid().apply(decoded));
    } catch (ClassCastException e) {
      valid = false;
    }
    if (!valid) {
      throw badValue(where, owner, param, value, "a valid value");
    }
    map.put(param, decoded);
  }

  private static CliFailure badValue(String where, String owner, Param<?> param, Object value,
      String what) {
    return CliFailure.config("'" + where + "' is " + (value instanceof String ? "\"" + value
        + "\"" : value) + "; " + owner + "." + param.name() + " takes " + what + ": "
        + param.doc() + ".");
  }
}
