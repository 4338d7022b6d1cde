package org.sparktune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.sparktune.internal.MetadataFiles;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialJson;

/**
 * MLlib persistence of {@link HyperparameterSearch} and {@link TunedModel}: metadata in MLlib's
 * layout, the estimator, evaluator and best model saved by their own writers beside it, and the
 * trials as one JSON line each.
 */
final class Persistence {

  private static final List<String> NESTED = List.of("estimator", "evaluator");

  private Persistence() {}

  static final class SearchWriter extends MLWriter {
    private final HyperparameterSearch search;

    SearchWriter(HyperparameterSearch search) {
      this.search = search;
    }

    @Override
    public void saveImpl(String path) {
      MetadataFiles.write(sc(), path, MetadataFiles.describe(search, NESTED));
      if (search.isDefined(search.estimator())) {
        MetadataFiles.saveNested(search.getEstimator(), "estimator", path + "/estimator");
      }
      if (search.isDefined(search.evaluator())) {
        MetadataFiles.saveNested(search.getEvaluator(), "evaluator", path + "/evaluator");
      }
    }
  }

  static final class SearchReader extends MLReader<HyperparameterSearch> {
    @Override
    public HyperparameterSearch load(String path) {
      JsonNode meta = MetadataFiles.read(sc(), path, HyperparameterSearch.class);
      HyperparameterSearch blank = new HyperparameterSearch(meta.path("uid").asText());
      HyperparameterSearch search = blank.copy(MetadataFiles.decodeParams(blank, meta));
      if (exists(path + "/estimator")) {
        search.setEstimator(MetadataFiles.<Estimator<?>>loadNested(sc(), path + "/estimator"));
      }
      if (exists(path + "/evaluator")) {
        search.setEvaluator(MetadataFiles.<Evaluator>loadNested(sc(), path + "/evaluator"));
      }
      return search;
    }

    private boolean exists(String dir) {
      return Persistence.exists(sc(), dir);
    }
  }

  static final class ModelWriter extends MLWriter {
    private final TunedModel model;

    ModelWriter(TunedModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode meta = MetadataFiles.describe(model, List.of());
      meta.set("searchSpace", MetadataFiles.parse(model.searchSpace().toJson()));
      meta.put("bestTrial", model.bestTrialNumber());
      meta.put("metricName", model.metricName());
      meta.put("largerBetter", model.isLargerBetter());
      meta.put("prefixFits", model.prefixFits());
      meta.put("hasBestModel", model.hasBestModel());
      meta.put("stopReason", model.stopReason());
      ObjectNode provenance = meta.putObject("provenance");
      model.provenance().forEach(provenance::put);
      MetadataFiles.write(sc(), path, meta);
      List<String> lines = new ArrayList<>();
      model.trialList().forEach(t -> lines.add(TrialJson.write(t)));
      MetadataFiles.writeLines(sc(), path + "/trials", lines);
      if (model.hasBestModel()) {
        MetadataFiles.saveNested(model.bestModel(), "best model", path + "/bestModel");
      }
    }
  }

  static final class ModelReader extends MLReader<TunedModel> {
    @Override
    public TunedModel load(String path) {
      JsonNode meta = MetadataFiles.read(sc(), path, TunedModel.class);
      List<Trial> trials = new ArrayList<>();
      for (String line : MetadataFiles.readLines(sc(), path + "/trials")) {
        trials.add(TrialJson.read(line));
      }
      trials.sort((a, b) -> Integer.compare(a.number(), b.number()));
      Model<?> best = meta.path("hasBestModel").asBoolean()
          ? MetadataFiles.<Model<?>>loadNested(sc(), path + "/bestModel") : null;
      SearchSpace space = SearchSpace.fromJson(meta.get("searchSpace").toString());
      if (best != null) {
        space = bindIfPossible(space, best);
      }
      Map<String, String> provenance = new LinkedHashMap<>();
      meta.path("provenance").properties().forEach(e -> provenance.put(e.getKey(),
          e.getValue().asText()));
      return new TunedModel(meta.path("uid").asText(), best, space, trials,
          meta.path("bestTrial").asInt(), meta.path("metricName").asText(),
          meta.path("largerBetter").asBoolean(), meta.path("prefixFits").asInt(), provenance,
          meta.path("stopReason").asText(TunedModel.UNRECORDED));
    }
  }

  /** The space bound to the best model's stages, or unbound when they do not carry its params. */
  private static SearchSpace bindIfPossible(SearchSpace space, Model<?> best) {
    try {
      return space.bind(best);
    } catch (IllegalArgumentException e) {
      return space;
    }
  }

  static boolean exists(org.apache.spark.SparkContext sc, String dir) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
      return p.getFileSystem(sc.hadoopConfiguration()).exists(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + dir, e);
    }
  }
}
