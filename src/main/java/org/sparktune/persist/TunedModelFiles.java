package org.sparktune.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Params;
import org.sparktune.internal.MetadataFiles;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialJson;

/**
 * The layout of a saved tuned model: MLlib metadata with the search space, the best trial,
 * the metric, the stop reason and the provenance; the trials as one JSON line each under
 * {@code trials/}; the best model saved by its own writer under {@code bestModel/} when there
 * is one.
 */
public final class TunedModelFiles {

  /** The stop reason of a model saved before the reason was recorded. */
  public static final String UNRECORDED = "UNRECORDED";

  private TunedModelFiles() {}

  /** What a tuned model holds besides its uid and params. */
  public record Contents(Model<?> bestModel, SearchSpace space, List<Trial> trials,
      int bestTrial, String metricName, boolean largerBetter, int prefixFits,
      Map<String, String> provenance, String stopReason) {}

  /** A tuned model read back: its uid and what it holds. */
  public record Saved(String uid, Contents contents) {}

  /** Saves {@code model}'s params and {@code contents}. */
  public static void save(SparkContext sc, String path, Params model, Contents contents) {
    ObjectNode meta = MetadataFiles.describe(model, List.of());
    meta.set("searchSpace", MetadataFiles.parse(contents.space().toJson()));
    meta.put("bestTrial", contents.bestTrial());
    meta.put("metricName", contents.metricName());
    meta.put("largerBetter", contents.largerBetter());
    meta.put("prefixFits", contents.prefixFits());
    meta.put("hasBestModel", contents.bestModel() != null);
    meta.put("stopReason", contents.stopReason());
    ObjectNode provenance = meta.putObject("provenance");
    contents.provenance().forEach(provenance::put);
    MetadataFiles.write(sc, path, meta);
    List<String> lines = new ArrayList<>();
    contents.trials().forEach(t -> lines.add(TrialJson.write(t)));
    MetadataFiles.writeLines(sc, path + "/trials", lines);
    if (contents.bestModel() != null) {
      MetadataFiles.saveNested(contents.bestModel(), "best model", path + "/bestModel");
    }
  }

  /**
   * Reads a model saved as {@code modelClass}: the trials in number order, the space bound to
   * the best model's stages where they carry its params.
   */
  public static Saved load(SparkContext sc, String path, Class<?> modelClass) {
    JsonNode meta = MetadataFiles.read(sc, path, modelClass);
    List<Trial> trials = new ArrayList<>();
    for (String line : MetadataFiles.readLines(sc, path + "/trials")) {
      trials.add(TrialJson.read(line));
    }
    trials.sort(Comparator.comparingInt(Trial::number));
    Model<?> best = meta.path("hasBestModel").asBoolean()
        ? MetadataFiles.<Model<?>>loadNested(sc, path + "/bestModel") : null;
    SearchSpace space = SearchSpace.fromJson(meta.get("searchSpace").toString());
    if (best != null) {
      space = bindIfPossible(space, best);
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    meta.path("provenance").properties().forEach(e -> provenance.put(e.getKey(),
        e.getValue().asText()));
    return new Saved(meta.path("uid").asText(), new Contents(best, space, trials,
        meta.path("bestTrial").asInt(), meta.path("metricName").asText(),
        meta.path("largerBetter").asBoolean(), meta.path("prefixFits").asInt(), provenance,
        meta.path("stopReason").asText(UNRECORDED)));
  }

  /** The space bound to the best model's stages, or unbound when they do not carry its params. */
  private static SearchSpace bindIfPossible(SearchSpace space, Model<?> best) {
    try {
      return space.bind(best);
    } catch (IllegalArgumentException e) {
      return space;
    }
  }
}
