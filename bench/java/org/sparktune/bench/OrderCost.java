package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;
import org.sparktune.study.Trial;

/**
 * What the reproducible proposal order costs: the same TPE study (5 start-up trials, then
 * model-based) on Adult, featurised once, 3 folds from the shared fold column, at parallelism
 * P, run with {@code reproducible} on and off, alternating. Prints and writes each run's wall
 * time, the medians and their ratio, and whether the reproducible runs proposed the same
 * trials every time.
 *
 * <p>Arguments: {@code --trials N --parallelism P --repeats R --adult PATH --json OUT}.
 */
public final class OrderCost {

  private OrderCost() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = Bench.options(args);
    int trials = Integer.parseInt(opt.getOrDefault("trials", "20"));
    int parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "2"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    SparkSession spark = Bench.session();
    Dataset<Row> data = BenchData.adult(spark,
        opt.getOrDefault("adult", "test-data/adult/adult.data")).cache();
    data.count();
    List<Double> ordered = new ArrayList<>();
    List<Double> free = new ArrayList<>();
    List<List<Map<String, Object>>> orderedParams = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      for (boolean reproducible : new boolean[] {true, false}) {
        LogisticRegression lr = new LogisticRegression().setMaxIter(50);
        long t0 = System.nanoTime();
        TunedModel model = new HyperparameterSearch().setEstimator(lr)
            .setEvaluator(new BinaryClassificationEvaluator())
            .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0)
                .uniform(lr.elasticNetParam(), 0.0, 1.0))
            .setSampler(new TpeSampler().setStartupTrials(5))
            .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
            .setMaxTrials(trials).setParallelism(parallelism).setSeed(42)
            .setReproducible(reproducible).setRefit(false).fit(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        (reproducible ? ordered : free).add(seconds);
        if (reproducible) {
          List<Map<String, Object>> params = new ArrayList<>();
          for (Trial t : model.trialList()) {
            params.add(t.params());
          }
          orderedParams.add(params);
        }
        System.out.printf("repeat %d reproducible=%s %.1f s best=%.5f%n", r, reproducible,
            seconds, model.bestMetric());
      }
    }
    boolean same = orderedParams.stream().allMatch(p -> p.equals(orderedParams.get(0)));
    double ratio = Bench.median(ordered) / Bench.median(free);
    System.out.printf("median reproducible %.1f s, free %.1f s, ratio %.3f, same trials: %s%n",
        Bench.median(ordered), Bench.median(free), ratio, same);
    if (opt.containsKey("json")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("trials", trials);
      out.put("parallelism", parallelism);
      out.put("reproducibleSeconds", ordered);
      out.put("freeSeconds", free);
      out.put("ratioOfMedians", ratio);
      out.put("reproducibleRunsProposedTheSameTrials", same);
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }
}
