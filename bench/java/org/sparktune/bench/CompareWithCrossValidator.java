package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;
import org.sparktune.study.Trial;

/**
 * sparktune's grid search against Spark's CrossValidator on the same 12-configuration
 * logistic-regression grid, the same fold column and the same evaluator, in one JVM, runs
 * alternating (CrossValidator first). Prints and writes per-run times, medians, the ratio of
 * medians, and how far every configuration's mean metric is between the two.
 *
 * <p>Arguments: {@code --data synthetic|adult --rows N --parallelism P --repeats R
 * --fitsInFlight F --adult PATH --json OUT} ({@code F} 0: sparktune's default, as many full
 * fits at once as trials).
 */
public final class CompareWithCrossValidator {

  private static final double[] REG = {0.001, 0.01, 0.1, 1.0};
  private static final double[] NET = {0.0, 0.5, 1.0};

  private CompareWithCrossValidator() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = Bench.options(args);
    String dataName = opt.getOrDefault("data", "synthetic");
    long rows = Long.parseLong(opt.getOrDefault("rows", "200000"));
    int parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "1"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    int fitsInFlight = Integer.parseInt(opt.getOrDefault("fitsInFlight", "0"));
    SparkSession spark = Bench.session();
    Dataset<Row> data = (dataName.equals("adult")
        ? BenchData.adult(spark, opt.getOrDefault("adult", "test-data/adult/adult.data"))
        : BenchData.synthetic(spark, rows, 42)).cache();
    long n = data.count();
    System.out.printf("data=%s rows=%d parallelism=%d repeats=%d%n", dataName, n, parallelism,
        repeats);

    List<Double> cvTimes = new ArrayList<>();
    List<Double> ourTimes = new ArrayList<>();
    Map<String, Double> cvMeans = new TreeMap<>();
    Map<String, Double> ourMeans = new TreeMap<>();
    String cvBest = null;
    String ourBest = null;
    for (int r = 0; r < repeats; r++) {
      LogisticRegression lr = new LogisticRegression();
      ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), REG)
          .addGrid(lr.elasticNetParam(), NET).build();
      long t0 = System.nanoTime();
      CrossValidatorModel cv = new CrossValidator().setEstimator(lr)
          .setEstimatorParamMaps(grid).setEvaluator(new BinaryClassificationEvaluator())
          .setFoldCol("fold").setParallelism(parallelism).setSeed(42).fit(data);
      double cvSeconds = (System.nanoTime() - t0) / 1e9;
      cvTimes.add(cvSeconds);
      cvMeans.clear();
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < grid.length; i++) {
        String key = key((Double) grid[i].apply(lr.regParam()),
            (Double) grid[i].apply(lr.elasticNetParam()));
        cvMeans.put(key, cv.avgMetrics()[i]);
        if (cv.avgMetrics()[i] > best) {
          best = cv.avgMetrics()[i];
          cvBest = key;
        }
      }

      LogisticRegression lr2 = new LogisticRegression();
      SearchSpace space = new SearchSpace()
          .categorical(lr2.regParam(), 0.001, 0.01, 0.1, 1.0)
          .categorical(lr2.elasticNetParam(), 0.0, 0.5, 1.0);
      long t1 = System.nanoTime();
      TunedModel model = new HyperparameterSearch().setEstimator(lr2)
          .setEvaluator(new BinaryClassificationEvaluator()).setSearchSpace(space)
          .setSampler(new GridSampler())
          .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
          .setParallelism(parallelism).setFitsInFlight(fitsInFlight).setSeed(42).fit(data);
      double ourSeconds = (System.nanoTime() - t1) / 1e9;
      ourTimes.add(ourSeconds);
      ourMeans.clear();
      for (Trial t : model.trialList()) {
        ourMeans.put(key((Double) t.params().get("regParam"),
            (Double) t.params().get("elasticNetParam")), t.value());
      }
      Trial b = model.bestTrial();
      ourBest = key((Double) b.params().get("regParam"),
          (Double) b.params().get("elasticNetParam"));
      System.out.printf("run %d: CrossValidator %.1f s, sparktune %.1f s%n", r + 1, cvSeconds,
          ourSeconds);
    }

    double maxDiff = 0;
    for (String k : cvMeans.keySet()) {
      maxDiff = Math.max(maxDiff, Math.abs(cvMeans.get(k) - ourMeans.get(k)));
    }
    boolean bestAgrees = Math.abs(cvMeans.get(ourBest) - cvMeans.get(cvBest)) <= 1e-5;
    double cvMedian = Bench.median(cvTimes);
    double ourMedian = Bench.median(ourTimes);
    System.out.printf("per-configuration max |sparktune - CrossValidator| = %.3g%n", maxDiff);
    System.out.printf("best: CrossValidator %s (%.9f), sparktune %s (%.9f under CV), within"
        + " 1e-5: %s%n", cvBest, cvMeans.get(cvBest), ourBest, cvMeans.get(ourBest),
        bestAgrees);
    System.out.printf("median wall s: CrossValidator %.1f, sparktune %.1f, ratio %.3f%n",
        cvMedian, ourMedian, ourMedian / cvMedian);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", dataName);
    out.put("rows", n);
    out.put("parallelism", parallelism);
    out.put("fitsInFlight", fitsInFlight);
    out.put("crossValidatorSeconds", cvTimes);
    out.put("sparktuneSeconds", ourTimes);
    out.put("crossValidatorMedian", cvMedian);
    out.put("sparktuneMedian", ourMedian);
    out.put("ratio", ourMedian / cvMedian);
    out.put("maxAbsMetricDiff", maxDiff);
    out.put("crossValidatorBest", cvBest);
    out.put("sparktuneBest", ourBest);
    out.put("bestWithin1e5", bestAgrees);
    out.put("crossValidatorMeans", cvMeans);
    out.put("sparktuneMeans", ourMeans);
    if (opt.containsKey("json")) {
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }

  private static String key(double reg, double net) {
    return "regParam=" + reg + ",elasticNetParam=" + net;
  }
}
