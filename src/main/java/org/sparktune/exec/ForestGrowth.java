package org.sparktune.exec;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Grows a promoted trial's forests instead of fitting them again, when the fidelity is the
 * {@code numTrees} of a random forest ({@link RandomForestClassifier} or {@link
 * RandomForestRegressor}) and that forest is all a trial fits (the plan's rest is the forest,
 * or a pipeline of the forest alone).
 *
 * <p>The trees of a forest are grown independently of each other, so a forest of {@code n}
 * trees and {@code m - n} more trees grown on the same rows with another seed make a forest of
 * {@code m} trees drawn as MLlib draws one. Each fold fit of a trial is kept (on the driver: a
 * forest's trees, no cached data; within a bound, see {@link #of(PipelinePlan, FidelityPlan)})
 * until the trial ends; when the trial runs a later rung on
 * that fold with {@code m} trees, it grows the {@code m - n} it lacks, seeded by {@link
 * #seedFor} from the forest's seed and {@code n}, and scores the forest of both. A promotion
 * from 7 to 21 trees then grows 14 trees, not 21.
 *
 * <p>A fold fits its forest whole when nothing is kept for it (its first rung, a fold a race
 * skipped before, a study resumed in another run) or when it holds or lacks fewer than 2 trees:
 * MLlib grows a lone tree without bootstrap and on all features, unlike a forest's trees. The refit
 * is always a whole forest on all the training rows. Thread-safe.
 */
final class ForestGrowth {

  /**
   * What one tree node holds on the driver, about: an estimate from the fields of MLlib's nodes
   * (an internal node, its split and its impurity statistics), used to bound the forests kept.
   */
  static final long BYTES_PER_NODE = 160;

  /** The fit of one fold at its last rung: its model, the trees and the nodes it holds. */
  private record Kept(Model<?> model, int trees, long nodes) {}

  private record Key(int trial, int fold) {}

  private final Estimator<?> rest;
  private final Estimator<?> forest;
  private final long maxNodes;
  private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
  private long nodes;

  private ForestGrowth(Estimator<?> rest, Estimator<?> forest, long maxNodes) {
    this.rest = rest;
    this.forest = forest;
    this.maxNodes = maxNodes;
  }

  /**
   * Growth for {@code plan} under {@code fidelity}, or null when a rung must fit whole: the
   * fidelity is not a forest's {@code numTrees}, or a trial fits more than the forest. The
   * forests kept hold at most a tenth of the driver's heap, at {@link #BYTES_PER_NODE} a node;
   * a fold whose forest would pass that is not kept, and its next rung fits whole.
   */
  static ForestGrowth of(PipelinePlan plan, FidelityPlan fidelity) {
    return of(plan, fidelity, Runtime.getRuntime().maxMemory() / 10 / BYTES_PER_NODE);
  }

  /** As {@link #of(PipelinePlan, FidelityPlan)}, keeping forests of at most {@code maxNodes}. */
  static ForestGrowth of(PipelinePlan plan, FidelityPlan fidelity, long maxNodes) {
    if (fidelity.param() == null || !fidelity.param().name().equals("numTrees")) {
      return null;
    }
    Estimator<?> rest = plan.rest();
    PipelineStage stage = rest;
    if (rest instanceof Pipeline p && p.isDefined(p.stages()) && p.getStages().length == 1) {
      stage = p.getStages()[0];
    }
    boolean isForest = stage instanceof RandomForestClassifier
        || stage instanceof RandomForestRegressor;
    if (!isForest || !stage.uid().equals(fidelity.stageUid())) {
      return null;
    }
    return new ForestGrowth(rest, (Estimator<?>) stage, maxNodes);
  }

  /** The trees fold {@code fold} of {@code trial} has kept, or 0 when it has no forest kept. */
  int keptTrees(int trial, int fold) {
    Kept k = kept.get(new Key(trial, fold));
    return k == null ? 0 : k.trees();
  }

  /** The model fold {@code fold} of {@code trial} keeps, or null; for tests. */
  Model<?> keptModel(int trial, int fold) {
    Kept k = kept.get(new Key(trial, fold));
    return k == null ? null : k.model();
  }

  /**
   * Whether a fit of {@code trees} trees on that fold grows the kept forest: one of at least 2
   * trees is kept, and at least 2 more are wanted.
   */
  boolean grows(int trial, int fold, int trees) {
    int have = keptTrees(trial, fold);
    return have >= 2 && trees - have >= 2;
  }

  /**
   * How a fit of {@code trees} trees on that fold goes, for its job description: {@code ",
   * grows 14 onto its 7"} when it grows the kept forest, else empty.
   */
  String describe(int trial, int fold, int trees) {
    int have = keptTrees(trial, fold);
    return grows(trial, fold, trees) ? ", grows " + (trees - have) + " onto its " + have : "";
  }

  /**
   * Fits fold {@code fold} of {@code trial} with {@code trees} trees on {@code train}: grows
   * the forest kept for it when {@link #grows}, else fits it whole; keeps the result.
   *
   * @param params the trial's params with {@code numTrees} at {@code trees}
   */
  Model<?> fit(int trial, int fold, int trees, Dataset<Row> train, ParamMap params) {
    Key key = new Key(trial, fold);
    Kept before = kept.get(key);
    Model<?> model;
    if (grows(trial, fold, trees)) {
      LongParam seed = (LongParam) forest.getParam("seed");
      Object base = params.contains(seed) ? params.apply(seed) : forest.getOrDefault(seed);
      ParamMap more = params.copy()
          .put(forest.getParam("numTrees"), (Object) (trees - before.trees()))
          .put(seed, (Object) seedFor((Long) base, before.trees()));
      model = join(before.model(), rest.fit(train, more), trees);
    } else {
      model = rest.fit(train, params);
    }
    keep(key, model, trees);
    return model;
  }

  /** Keeps {@code model} for {@code key} in place of what it kept, when the bound allows. */
  private synchronized void keep(Key key, Model<?> model, int trees) {
    Kept old = kept.remove(key);
    if (old != null) {
      nodes -= old.nodes();
    }
    long more = nodesOf(model);
    if (nodes + more <= maxNodes) {
      kept.put(key, new Kept(model, trees, more));
      nodes += more;
    }
  }

  /** The tree nodes the kept forests hold. */
  synchronized long keptNodes() {
    return nodes;
  }

  /** Forgets the forests of {@code trial}, which runs no more rungs. */
  synchronized void forget(int trial) {
    kept.entrySet().removeIf(e -> {
      if (e.getKey().trial() != trial) {
        return false;
      }
      nodes -= e.getValue().nodes();
      return true;
    });
  }

  private static long nodesOf(Model<?> model) {
    Model<?> forest = forestOf(model);
    return forest instanceof RandomForestClassificationModel c ? c.totalNumNodes()
        : ((RandomForestRegressionModel) forest).totalNumNodes();
  }

  /** The forest model of a fit: the model itself, or the one stage of its pipeline model. */
  private static Model<?> forestOf(Model<?> model) {
    return model instanceof PipelineModel pm ? (Model<?>) pm.stages()[0] : model;
  }

  /**
   * The seed of the trees grown onto a forest of {@code grown} trees seeded {@code base}: a
   * seed of its own for each count, so that the new trees are not the old ones drawn again.
   */
  static long seedFor(long base, int grown) {
    return new Random(base * 1_000_003L + grown).nextLong();
  }

  /** The forest of {@code old}'s trees then {@code more}'s, with {@code more}'s params. */
  private static Model<?> join(Model<?> old, Model<?> more, int trees) {
    if (more instanceof PipelineModel pm) {
      Transformer joined = (Transformer) join(forestOf(old), forestOf(pm), trees);
      return new PipelineModel(pm.uid(), new Transformer[] {joined}).setParent(pm.parent());
    }
    if (more instanceof RandomForestClassificationModel m) {
      DecisionTreeClassificationModel[] all = concat(
          ((RandomForestClassificationModel) old).trees(), m.trees());
      return new RandomForestClassificationModel(m.uid(), all, m.numFeatures(), m.numClasses())
          .copy(m.extractParamMap().put(m.numTrees(), (Object) trees)).setParent(m.parent());
    }
    RandomForestRegressionModel m = (RandomForestRegressionModel) more;
    DecisionTreeRegressionModel[] all = concat(
        ((RandomForestRegressionModel) old).trees(), m.trees());
    return new RandomForestRegressionModel(m.uid(), all, m.numFeatures())
        .copy(m.extractParamMap().put(m.numTrees(), (Object) trees)).setParent(m.parent());
  }

  private static <T> T[] concat(T[] a, T[] b) {
    T[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
