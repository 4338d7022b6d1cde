package org.sparktune.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.sparktune.internal.MetadataFiles;

/**
 * The layout of a saved model choice: MLlib metadata with the candidates' names, each
 * candidate saved by its own writer under {@code candidates/<index>}; and of a fitted choice:
 * the chosen name in the metadata, the chosen candidate's model under {@code model/}.
 */
public final class ModelChoiceFiles {

  private ModelChoiceFiles() {}

  /** A choice read back: its uid, metadata (for its params) and candidates in their order. */
  public record SavedChoice(String uid, JsonNode metadata,
      Map<String, Estimator<?>> candidates) {
    /** The saved params, decoded for {@code blank}, a stage of the saved class. */
    public ParamMap params(Params blank) {
      return MetadataFiles.decodeParams(blank, metadata);
    }
  }

  /** A fitted choice read back. */
  public record SavedModel(String uid, String chosen, Model<?> model) {}

  /** Saves {@code choice}'s params and its candidates by name, in their order. */
  public static void saveChoice(SparkContext sc, String path, Params choice,
      Map<String, Estimator<?>> candidates) {
    ObjectNode meta = MetadataFiles.describe(choice, List.of());
    ArrayNode names = meta.putArray("candidates");
    int i = 0;
    for (Map.Entry<String, Estimator<?>> e : candidates.entrySet()) {
      names.add(e.getKey());
      MetadataFiles.saveNested(e.getValue(), "candidate '" + e.getKey() + "'",
          path + "/candidates/" + i++);
    }
    MetadataFiles.write(sc, path, meta);
  }

  /** Reads a choice saved as {@code choiceClass}. */
  public static SavedChoice loadChoice(SparkContext sc, String path, Class<?> choiceClass) {
    JsonNode meta = MetadataFiles.read(sc, path, choiceClass);
    Map<String, Estimator<?>> candidates = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode name : meta.path("candidates")) {
      candidates.put(name.asText(),
          MetadataFiles.<Estimator<?>>loadNested(sc, path + "/candidates/" + i++));
    }
    return new SavedChoice(meta.path("uid").asText(), meta, candidates);
  }

  /** Saves a fitted choice: {@code model}'s params, the chosen name and its model. */
  public static void saveModel(SparkContext sc, String path, Params model, String chosen,
      Model<?> inner) {
    ObjectNode meta = MetadataFiles.describe(model, List.of());
    meta.put("chosen", chosen);
    MetadataFiles.saveNested(inner, "model of candidate '" + chosen + "'", path + "/model");
    MetadataFiles.write(sc, path, meta);
  }

  /** Reads a fitted choice saved as {@code modelClass}. */
  public static SavedModel loadModel(SparkContext sc, String path, Class<?> modelClass) {
    JsonNode meta = MetadataFiles.read(sc, path, modelClass);
    Model<?> inner = MetadataFiles.loadNested(sc, path + "/model");
    return new SavedModel(meta.path("uid").asText(), meta.path("chosen").asText(), inner);
  }
}
