package org.sparktune;

import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.sparktune.persist.ModelChoiceFiles;
import org.sparktune.persist.StageIo;
import org.sparktune.space.NestedStages;

/**
 * What {@link ModelChoice} fitted: the chosen candidate's name and its model, to which
 * {@link #transform} delegates. Saves and loads with MLlib persistence when the model does.
 * Immutable.
 */
public final class ModelChoiceModel extends Model<ModelChoiceModel>
    implements MLWritable, NestedStages {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String chosen;
  private final Model<?> model;

  /**
   * An empty model, with no chosen candidate: the instance {@link java.util.ServiceLoader}
   * builds when Spark lists the registered stages ({@code META-INF/services}). {@link #model}
   * and {@link #transform} fail on it, saying how to get a real model: {@link #load} or
   * {@link ModelChoice#fit}.
   */
  public ModelChoiceModel() {
    this(Identifiable.randomUID("modelChoice"), "", null);
  }

  ModelChoiceModel(String uid, String chosen, Model<?> model) {
    this.uid = uid;
    this.chosen = chosen;
    this.model = model;
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The name of the candidate that was fitted. */
  public String chosen() {
    return chosen;
  }

  /** The fitted model of the chosen candidate. */
  public Model<?> model() {
    if (model == null) {
      throw new IllegalStateException("this ModelChoiceModel is empty: it has no fitted model"
          + " because it was built by the no-arg constructor, which exists for ServiceLoader;"
          + " get a real one from ModelChoice.fit(data) or ModelChoiceModel.load(path).");
    }
    return model;
  }

  @Override
  public List<? extends Params> nestedStages() {
    return model == null ? List.of() : List.of(model);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return model().transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return model().transformSchema(schema);
  }

  @Override
  public ModelChoiceModel copy(ParamMap extra) {
    return copyValues(new ModelChoiceModel(uid, chosen, model == null ? null : model.copy(extra)),
        extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return StageIo.writer((sc, path) -> ModelChoiceFiles.saveModel(sc, path, this, chosen,
        model));
  }

  /** Reads a model written by {@link #write}. */
  public static MLReader<ModelChoiceModel> read() {
    return StageIo.reader((sc, path) -> {
      ModelChoiceFiles.SavedModel saved = ModelChoiceFiles.loadModel(sc, path,
          ModelChoiceModel.class);
      return new ModelChoiceModel(saved.uid(), saved.chosen(), saved.model());
    });
  }

  /** Loads a model saved at {@code path}. */
  public static ModelChoiceModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "ModelChoiceModel: uid=" + uid + ", chosen=" + chosen + ", model=" + model;
  }
}
