package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What one fold fit of a random forest costs as its trees grow, on the training side of one fold
 * of the multi-fidelity benchmark's synthetic set ({@link MultiFidelityBenchmark}: the rows
 * outside the 20 % test split and outside fold 0). Fits one forest at a time, each size in
 * {@code --trees} once per repeat, and reports each fit's wall time, executor time and tree
 * nodes; the sizes of the trees-as-budget rungs (2, 7, 21) and the refit (64) by default.
 *
 * <pre>
 * bench/run-java.sh org.sparktune.bench.ForestFitCost --rows 400000 --trees 2,7,21,64 \
 *     --depth 12 --subsamplingRate 0.8 --repeats 2 --json bench/results/forest_fit_cost.json
 * </pre>
 */
public final class ForestFitCost {

  private ForestFitCost() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> opt = Bench.options(args);
    long rows = Long.parseLong(opt.getOrDefault("rows", "400000"));
    int depth = Integer.parseInt(opt.getOrDefault("depth", "12"));
    double subsampling = Double.parseDouble(opt.getOrDefault("subsamplingRate", "0.8"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "2"));
    SparkSession spark = Bench.session();
    RungCosts costs = new RungCosts();
    spark.sparkContext().addSparkListener(costs);
    Dataset<Row> all = BenchData.withFold(NonLinearData.generate(spark, rows, 42,
        Integer.parseInt(opt.getOrDefault("partitions", "2"))));
    Dataset<Row> fold = all.where(functions.not(MultiFidelityBenchmark.isTest())
        .and(functions.col("fold").notEqual(0))).cache();
    long n = fold.count();
    System.out.printf("rows %d, depth %d, subsamplingRate %.2f%n", n, depth, subsampling);
    List<Map<String, Object>> fits = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      for (String size : opt.getOrDefault("trees", "2,7,21,64").split(",")) {
        int trees = Integer.parseInt(size.strip());
        costs.awaitQuiet(300);
        costs.begin();
        long t0 = System.nanoTime();
        int nodes = new RandomForestClassifier().setNumTrees(trees).setMaxDepth(depth)
            .setSubsamplingRate(subsampling).fit(fold).totalNumNodes();
        double seconds = (System.nanoTime() - t0) / 1e9;
        costs.awaitQuiet(300);
        double executor = costs.executorSeconds();
        System.out.printf("repeat %d, %d trees: %.1f s wall, %.1f s executor, %d nodes%n", r,
            trees, seconds, executor, nodes);
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("repeat", r);
        fit.put("trees", trees);
        fit.put("wallSeconds", seconds);
        fit.put("executorSeconds", executor);
        fit.put("nodes", nodes);
        fits.add(fit);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", n);
    out.put("depth", depth);
    out.put("subsamplingRate", subsampling);
    out.put("fits", fits);
    if (opt.containsKey("json")) {
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }
}
