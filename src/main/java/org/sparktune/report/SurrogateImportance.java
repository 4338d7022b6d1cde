package org.sparktune.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.study.Trial;

/**
 * Parameter importance from a random-forest surrogate: MLlib's {@link RandomForestRegressor}
 * fitted on the trials' metric at the compared budget ({@link Scores}), one feature a
 * parameter. A categorical parameter is a categorical feature (its value's place in the space's
 * list); a parameter that did not apply to a trial (a conditional one) takes a value of its own
 * (one more category, or a number below its range). A parameter's importance is the forest's
 * mean decrease in impurity over its splits, normalised to sum to 1. It runs on the driver's
 * Spark session over a few rows, one a trial.
 */
final class SurrogateImportance {

  /** Trees in the forest. */
  static final int TREES = 100;
  /** Depth of each tree. */
  static final int DEPTH = 5;

  /**
   * The importances, or why there are none.
   *
   * @param names the parameters, most important first
   * @param importances their importance, in the same order, summing to 1
   * @param rows how many trials the forest was fitted on
   * @param seed the forest's seed
   * @param skipped why no forest was fitted, or null when one was
   */
  record Result(List<String> names, List<Double> importances, int rows, long seed,
      String skipped) {

    static Result skip(String why) {
      return new Result(List.of(), List.of(), 0, 0, why);
    }
  }

  private SurrogateImportance() {}

  /** The importance of {@code in}'s parameters over {@code scores}. */
  static Result of(ReportInput in, Scores scores) {
    List<Dimension> dims = in.space().dimensions();
    if (dims.isEmpty()) {
      return Result.skip("the search space has no dimension.");
    }
    if (scores.trials().size() < Scores.ENOUGH) {
      return Result.skip(scores.trials().size() + " trials have a result at one budget; a"
          + " surrogate needs at least " + Scores.ENOUGH + ".");
    }
    if (scores.values().stream().distinct().count() < 2) {
      return Result.skip("every trial scored the same, so no parameter explains the metric.");
    }
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    scala.Option<SparkSession> session = active.isDefined() ? active
        : SparkSession.getDefaultSession();
    if (session.isEmpty()) {
      return Result.skip("no Spark session is active to fit the surrogate on.");
    }
    long seed = seed(in);
    Attribute[] attributes = new Attribute[dims.size()];
    int maxBins = 32;
    for (int j = 0; j < dims.size(); j++) {
      Dimension d = dims.get(j);
      if (d.distribution() instanceof Categorical c) {
        int values = c.choices().size() + (d.isConditional() ? 1 : 0);
        attributes[j] = NominalAttribute.defaultAttr().withName("f" + j).withNumValues(values);
        maxBins = Math.max(maxBins, values);
      } else {
        attributes[j] = NumericAttribute.defaultAttr().withName("f" + j);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < scores.trials().size(); i++) {
      rows.add(RowFactory.create(features(dims, scores.trials().get(i)),
          scores.values().get(i)));
    }
    StructType schema = new StructType()
        .add(new AttributeGroup("features", attributes).toStructField())
        .add("label", DataTypes.DoubleType, false);
    Dataset<Row> data = session.get().createDataFrame(rows, schema).coalesce(1);
    RandomForestRegressionModel forest = new RandomForestRegressor().setNumTrees(TREES)
        .setMaxDepth(DEPTH).setMaxBins(maxBins).setSeed(seed).setFeatureSubsetStrategy("all")
        .setSubsamplingRate(1.0).fit(data);
    Vector importance = forest.featureImportances();
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < dims.size(); j++) {
      order.add(j);
    }
    order.sort((a, b) -> Double.compare(importance.apply(b), importance.apply(a)));
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int j : order) {
      names.add(dims.get(j).name());
      values.add(importance.apply(j));
    }
    return new Result(names, values, rows.size(), seed, null);
  }

  /** The study seed from the provenance, so a report shows the same importances each time. */
  private static long seed(ReportInput in) {
    try {
      return Long.parseLong(in.provenance().getOrDefault("studySeed", "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Vector features(List<Dimension> dims, Trial t) {
    double[] x = new double[dims.size()];
    for (int j = 0; j < dims.size(); j++) {
      Dimension d = dims.get(j);
      Object v = t.params().get(d.name());
      if (d.distribution() instanceof Categorical c) {
        int at = c.choices().indexOf(v);
        x[j] = at < 0 ? c.choices().size() : at;
      } else {
        Double n = Figures.number(v);
        x[j] = n != null ? n : below(d);
      }
    }
    return Vectors.dense(x);
  }

  /** A number below {@code d}'s range: where a trial without the parameter sits. */
  private static double below(Dimension d) {
    if (d.distribution() instanceof FloatRange r) {
      return r.low() - (r.high() - r.low()) - 1;
    }
    IntRange r = (IntRange) d.distribution();
    return r.low() - (r.high() - r.low()) - 1.0;
  }
}
