package org.sparktune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.sparktune.internal.MetadataFiles;

/**
 * MLlib persistence of {@link ModelChoice} and {@link ModelChoiceModel}: metadata in MLlib's
 * layout with the candidate names, each candidate saved by its own writer under
 * {@code candidates/<index>}, and a fitted model under {@code model}.
 */
final class ModelChoicePersistence {

  private ModelChoicePersistence() {}

  static final class ChoiceWriter extends MLWriter {
    private final ModelChoice choice;

    ChoiceWriter(ModelChoice choice) {
      this.choice = choice;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode meta = MetadataFiles.describe(choice, List.of());
      ArrayNode names = meta.putArray("candidates");
      int i = 0;
      for (Map.Entry<String, Estimator<?>> e : choice.candidates().entrySet()) {
        names.add(e.getKey());
        MetadataFiles.saveNested(e.getValue(), "candidate '" + e.getKey() + "'",
            path + "/candidates/" + i++);
      }
      MetadataFiles.write(sc(), path, meta);
    }
  }

  static final class ChoiceReader extends MLReader<ModelChoice> {
    @Override
    public ModelChoice load(String path) {
      JsonNode meta = MetadataFiles.read(sc(), path, ModelChoice.class);
      ModelChoice choice = new ModelChoice(meta.path("uid").asText());
      int i = 0;
      for (JsonNode name : meta.path("candidates")) {
        choice.addCandidate(name.asText(),
            MetadataFiles.<Estimator<?>>loadNested(sc(), path + "/candidates/" + i++));
      }
      return choice.copy(MetadataFiles.decodeParams(choice, meta));
    }
  }

  static final class ModelWriter extends MLWriter {
    private final ModelChoiceModel model;

    ModelWriter(ModelChoiceModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      ObjectNode meta = MetadataFiles.describe(model, List.of());
      meta.put("chosen", model.chosen());
      MetadataFiles.saveNested(model.model(), "model of candidate '" + model.chosen() + "'",
          path + "/model");
      MetadataFiles.write(sc(), path, meta);
    }
  }

  static final class ModelReader extends MLReader<ModelChoiceModel> {
    @Override
    public ModelChoiceModel load(String path) {
      JsonNode meta = MetadataFiles.read(sc(), path, ModelChoiceModel.class);
      Model<?> inner = MetadataFiles.loadNested(sc(), path + "/model");
      return new ModelChoiceModel(meta.path("uid").asText(), meta.path("chosen").asText(),
          inner);
    }
  }
}
