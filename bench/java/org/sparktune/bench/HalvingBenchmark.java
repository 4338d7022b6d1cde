package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.GridSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.Sampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;

/**
 * Successive halving against Spark's CrossValidator on the synthetic logistic data of the
 * parity benchmark ({@link BenchData#synthetic}) with a held-out 20 % test split (rows whose
 * seeded id hash is 0 mod 5): (a) CrossValidator over a 27-point LogisticRegression grid
 * (regParam {0.001, 0.01, 0.1} × elasticNetParam {0, 0.5, 1} × maxIter {20, 50, 100}); (b)
 * {@link SuccessiveHalving} with η = 3 and minimum fraction 1/27 over the same 27 points; (c)
 * the same schedule over 27 random candidates from the ranges that contain the grid. Same fold
 * column, same evaluator (areaUnderROC), same parallelism; each winner refitted on the training
 * rows and scored on the test rows. Runs in the order given by {@code --only}.
 *
 * <p>Arguments: {@code --rows N --parallelism P --repeats R --only cv,grid,random --json OUT}.
 */
public final class HalvingBenchmark {

  private static final double[] REG = {0.001, 0.01, 0.1};
  private static final double[] NET = {0.0, 0.5, 1.0};
  private static final int[] ITER = {20, 50, 100};

  private HalvingBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = Bench.options(args);
    long rows = Long.parseLong(opt.getOrDefault("rows", "1600000"));
    int parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "2"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "1"));
    String[] only = opt.getOrDefault("only", "cv,grid,random").split(",");
    SparkSession spark = Bench.session();
    Dataset<Row> all = BenchData.synthetic(spark, rows, 42);
    org.apache.spark.sql.Column isTest = functions.pmod(functions.xxhash64(
        functions.col("id"), functions.lit(99L)), functions.lit(5L)).equalTo(0);
    Dataset<Row> train = all.where(functions.not(isTest)).cache();
    Dataset<Row> test = all.where(isTest).cache();
    System.out.printf("rows=%d train=%d test=%d parallelism=%d repeats=%d%n", rows,
        train.count(), test.count(), parallelism, repeats);
    BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator();

    List<Map<String, Object>> runs = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      for (String which : only) {
        Map<String, Object> run = which.equals("cv")
            ? crossValidator(train, test, evaluator, parallelism)
            : halving(train, test, evaluator, parallelism, which.equals("grid"));
        run.put("repeat", r);
        System.out.println(run);
        runs.add(run);
      }
    }
    if (opt.containsKey("json")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", rows);
      out.put("parallelism", parallelism);
      out.put("runs", runs);
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }

  private static Map<String, Object> crossValidator(Dataset<Row> train, Dataset<Row> test,
      BinaryClassificationEvaluator evaluator, int parallelism) {
    LogisticRegression lr = new LogisticRegression();
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), REG)
        .addGrid(lr.elasticNetParam(), NET).addGrid(lr.maxIter(), ITER).build();
    long t0 = System.nanoTime();
    CrossValidatorModel cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid)
        .setEvaluator(evaluator).setFoldCol("fold").setParallelism(parallelism).fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    int best = 0;
    for (int i = 1; i < grid.length; i++) {
      if (cv.avgMetrics()[i] > cv.avgMetrics()[best]) {
        best = i;
      }
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", "crossValidator");
    run.put("wallSeconds", seconds);
    run.put("fits", grid.length * 3 + 1);
    run.put("bestValidation", cv.avgMetrics()[best]);
    run.put("bestParams", grid[best].toString().replaceAll("\\s+", " "));
    run.put("testMetric", evaluator.evaluate(cv.transform(test)));
    return run;
  }

  private static Map<String, Object> halving(Dataset<Row> train, Dataset<Row> test,
      BinaryClassificationEvaluator evaluator, int parallelism, boolean grid) {
    LogisticRegression lr = new LogisticRegression();
    SearchSpace space;
    Sampler sampler;
    if (grid) {
      space = new SearchSpace().categorical(lr.regParam(), 0.001, 0.01, 0.1)
          .categorical(lr.elasticNetParam(), 0.0, 0.5, 1.0)
          .categorical(lr.maxIter(), 20, 50, 100);
      sampler = new GridSampler();
    } else {
      space = new SearchSpace().logUniform(lr.regParam(), 0.001, 0.1)
          .uniform(lr.elasticNetParam(), 0.0, 1.0).intRange(lr.maxIter(), 20, 100);
      sampler = new RandomSampler();
    }
    long t0 = System.nanoTime();
    TunedModel model = new HyperparameterSearch().setEstimator(lr).setEvaluator(evaluator)
        .setSearchSpace(space).setSampler(sampler)
        .setScheduler(new SuccessiveHalving().setReductionFactor(3).setMinFraction(1.0 / 27))
        .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
        .setMaxTrials(27).setParallelism(parallelism).setSeed(42).fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<Map<String, Object>> rungs = new ArrayList<>();
    for (Row r : model.rungs().groupBy("rung", "budget")
        .agg(functions.count("*").as("candidates"), functions.min("startTime").as("start"),
            functions.max("endTime").as("end"))
        .orderBy("rung").collectAsList()) {
      Map<String, Object> rung = new LinkedHashMap<>();
      rung.put("rung", r.getInt(0));
      rung.put("fraction", r.getDouble(1));
      rung.put("candidates", r.getLong(2));
      rung.put("wallSeconds", (r.getTimestamp(4).getTime() - r.getTimestamp(3).getTime())
          / 1000.0);
      rungs.add(rung);
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", grid ? "halvingGrid" : "halvingRandom");
    run.put("wallSeconds", seconds);
    run.put("rungs", rungs);
    run.put("bestValidation", model.bestMetric());
    run.put("bestParams", model.bestParams().toString());
    run.put("testMetric", evaluator.evaluate(model.transform(test)));
    return run;
  }
}
