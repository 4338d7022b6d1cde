package org.sparktune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparktune.persist.ModelChoiceFiles;
import org.sparktune.persist.StageIo;
import org.sparktune.space.NestedStages;
import scala.runtime.AbstractFunction1;

/**
 * One of several estimators, chosen by name: the stage that lets one search choose the model
 * as well as its params. Put it where the model goes (usually last in a Pipeline), search its
 * {@link #choice()} as a categorical, and give each candidate's params under a condition on the
 * choice, so each trial tunes only the model it fits:
 *
 * <pre>{@code
 * ModelChoice model = new ModelChoice()
 *     .addCandidate("lr", lr)
 *     .addCandidate("rf", rf);
 * Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, model});
 * SearchSpace space = new SearchSpace()
 *     .categorical(model.choice(), "lr", "rf")
 *     .when(model.choice(), "lr", s -> s.logUniform(lr.regParam(), 1e-4, 1))
 *     .when(model.choice(), "rf", s -> s.intRange(rf.maxDepth(), 2, 12));
 * }</pre>
 *
 * <p>A normal Spark {@link Estimator}: {@link #fit} fits the chosen candidate and returns a
 * {@link ModelChoiceModel} that delegates to its model; {@link #copy} copies every candidate
 * with the extra params, as a Pipeline copies its stages, so a ParamMap can set the choice and
 * any candidate's params at once; it saves and loads with MLlib persistence when every
 * candidate does. Candidates are added while building; treat a built stage as immutable.
 */
public final class ModelChoice extends Estimator<ModelChoiceModel>
    implements MLWritable, NestedStages {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> choice;
  private final LinkedHashMap<String, Estimator<?>> candidates = new LinkedHashMap<>();

  /** A choice with a random uid and no candidates yet. */
  public ModelChoice() {
    this(Identifiable.randomUID("modelChoice"));
  }

  /** A choice with the given uid and no candidates yet. */
  public ModelChoice(String uid) {
    this.uid = uid;
    choice = new Param<>(this, "choice", "name of the candidate estimator to fit, one of the"
        + " names given to addCandidate", new IsCandidate(candidates));
  }

  /** The choice param's validator: the value names a candidate. */
  private static final class IsCandidate extends AbstractFunction1<String, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, ?> candidates;

    IsCandidate(Map<String, ?> candidates) {
      this.candidates = candidates;
    }

    @Override
    public Object apply(String name) {
      return candidates.containsKey(name);
    }
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The name of the candidate to fit; defaults to the first candidate added. */
  public Param<String> choice() {
    return choice;
  }

  /** The name of the candidate to fit. */
  public String getChoice() {
    return getOrDefault(choice);
  }

  /** Chooses the candidate called {@code name}. */
  public ModelChoice setChoice(String name) {
    candidate(name);
    set(choice, name);
    return this;
  }

  /**
   * Adds {@code estimator} as the candidate called {@code name}; the first one added is the
   * default choice.
   */
  public ModelChoice addCandidate(String name, Estimator<?> estimator) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a ModelChoice candidate needs a non-empty name;"
          + " pass one, e.g. addCandidate(\"lr\", lr).");
    }
    if (estimator == null) {
      throw new IllegalArgumentException("ModelChoice candidate '" + name + "' is null;"
          + " pass an estimator.");
    }
    if (candidates.containsKey(name)) {
      throw new IllegalArgumentException("ModelChoice already has a candidate named '" + name
          + "'; give each candidate its own name.");
    }
    for (Map.Entry<String, Estimator<?>> e : candidates.entrySet()) {
      if (e.getValue().uid().equals(estimator.uid())) {
        throw new IllegalArgumentException("ModelChoice candidate '" + name + "' is the same"
            + " stage (uid " + estimator.uid() + ") as candidate '" + e.getKey() + "'; add"
            + " each estimator once, or a copy with its own uid.");
      }
    }
    candidates.put(name, estimator);
    if (candidates.size() == 1) {
      setDefault(choice, name);
    }
    return this;
  }

  /** The candidates by name, in the order added. */
  public Map<String, Estimator<?>> candidates() {
    return Collections.unmodifiableMap(candidates);
  }

  /** The candidate called {@code name}; fails naming the candidates when there is none. */
  public Estimator<?> candidate(String name) {
    checkHasCandidates();
    Estimator<?> e = candidates.get(name);
    if (e == null) {
      throw new IllegalArgumentException("ModelChoice " + uid + " has no candidate named '"
          + name + "'; its candidates are " + candidates.keySet() + ": choose one of them.");
    }
    return e;
  }

  private void checkHasCandidates() {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("ModelChoice " + uid + " has no candidates; add them"
          + " with addCandidate(name, estimator) before fitting.");
    }
  }

  @Override
  public List<? extends Params> nestedStages() {
    return new ArrayList<>(candidates.values());
  }

  @Override
  public ModelChoiceModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    String name = getChoice();
    Model<?> model = candidate(name).fit(dataset);
    return new ModelChoiceModel(uid, name, model).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    checkHasCandidates();
    return candidate(getChoice()).transformSchema(schema);
  }

  @Override
  public ModelChoice copy(ParamMap extra) {
    ModelChoice copy = new ModelChoice(uid);
    for (Map.Entry<String, Estimator<?>> e : candidates.entrySet()) {
      copy.addCandidate(e.getKey(), e.getValue().copy(extra));
    }
    return copyValues(copy, extra);
  }

  @Override
  public MLWriter write() {
    return StageIo.writer((sc, path) -> ModelChoiceFiles.saveChoice(sc, path, this,
        candidates()));
  }

  /** Reads a choice written by {@link #write}. */
  public static MLReader<ModelChoice> read() {
    return StageIo.reader((sc, path) -> {
      ModelChoiceFiles.SavedChoice saved = ModelChoiceFiles.loadChoice(sc, path,
          ModelChoice.class);
      ModelChoice choice = new ModelChoice(saved.uid());
      saved.candidates().forEach(choice::addCandidate);
      return choice.copy(saved.params(choice));
    });
  }

  /** Loads a choice saved at {@code path}. */
  public static ModelChoice load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "ModelChoice: uid=" + uid + ", candidates=" + candidates.keySet()
        + (candidates.isEmpty() ? "" : ", choice=" + getChoice());
  }
}
