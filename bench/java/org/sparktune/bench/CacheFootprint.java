package org.sparktune.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
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

/**
 * Peak cached bytes during {@code fit}, sparktune against Spark's CrossValidator, on the
 * 12-configuration logistic-regression grid of {@link CompareWithCrossValidator} with the same
 * {@code fold} column and evaluator, in one JVM, runs alternating (CrossValidator first).
 *
 * <p>Cached bytes are memory + disk summed over every cached RDD block, followed exactly by a
 * {@link CachedBytesListener} and cross-checked by polling {@code getRDDStorageInfo()}
 * ({@link CachedBytesPoller}). The benchmark's own input cache is the baseline: reported apart
 * and subtracted from each peak. Workloads: {@code synthetic} (the featurised 200k-row set, the
 * bare LogisticRegression tuned) and {@code adult} (raw Adult rows, a Pipeline of
 * StringIndexer + OneHotEncoder + VectorAssembler + LogisticRegression with only LR's params
 * tuned, so sparktune fits the feature stages once per fold).
 *
 * <p>Arguments: {@code --data synthetic|adult --rows N --parallelism P --repeats R
 * --fitsInFlight F --adult PATH --top K --commit REV --json OUT} ({@code F} 0: sparktune's
 * default).
 */
public final class CacheFootprint {

  private static final double[] REG = {0.001, 0.01, 0.1, 1.0};
  private static final double[] NET = {0.0, 0.5, 1.0};

  /** What one fit found: its best mean validation metric and the params that reached it. */
  private record Fit(double bestMetric, String bestParams) {}

  private CacheFootprint() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> opt = Bench.options(args);
    String dataName = opt.getOrDefault("data", "synthetic");
    boolean adult = dataName.equals("adult");
    long rows = Long.parseLong(opt.getOrDefault("rows", "200000"));
    int parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "1"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "1"));
    int fitsInFlight = Integer.parseInt(opt.getOrDefault("fitsInFlight", "0"));
    int top = Integer.parseInt(opt.getOrDefault("top", "16"));
    SparkSession spark = Bench.session();
    CachedBytesListener listener = new CachedBytesListener();
    spark.sparkContext().addSparkListener(listener);
    Dataset<Row> data = (adult
        ? BenchData.adultRaw(spark, opt.getOrDefault("adult", "test-data/adult/adult.data"))
        : BenchData.synthetic(spark, rows, 42)).cache();
    long n = data.count();
    listener.awaitQuiet(500);
    long input = listener.total();
    System.out.printf("data=%s rows=%d parallelism=%d repeats=%d input cache=%s%n", dataName, n,
        parallelism, repeats, mb(input));

    List<Map<String, Object>> cvRuns = new ArrayList<>();
    List<Map<String, Object>> ourRuns = new ArrayList<>();
    try (CachedBytesPoller poller = new CachedBytesPoller(spark.sparkContext(), 50)) {
      for (int r = 0; r < repeats; r++) {
        cvRuns.add(measure("CrossValidator", listener, poller, top,
            () -> crossValidator(data, adult, parallelism)));
        ourRuns.add(measure("sparktune", listener, poller, top,
            () -> sparktune(data, adult, parallelism, fitsInFlight)));
      }
    }

    Map<String, Object> cv = summary(cvRuns);
    Map<String, Object> ours = summary(ourRuns);
    double peakRatio = (double) ours.get("medianPeakAboveBaselineBytes")
        / (double) cv.get("medianPeakAboveBaselineBytes");
    double timeRatio = (double) ours.get("medianSeconds") / (double) cv.get("medianSeconds");
    System.out.printf("median peak above input: CrossValidator %s, sparktune %s, ratio %.2f;"
        + " median wall s: %.1f vs %.1f, ratio %.3f%n",
        mb(((Double) cv.get("medianPeakAboveBaselineBytes")).longValue()),
        mb(((Double) ours.get("medianPeakAboveBaselineBytes")).longValue()), peakRatio,
        (double) cv.get("medianSeconds"), (double) ours.get("medianSeconds"), timeRatio);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", dataName);
    out.put("rows", n);
    out.put("parallelism", parallelism);
    out.put("repeats", repeats);
    out.put("commit", opt.getOrDefault("commit", "unknown"));
    out.put("fitsInFlight", fitsInFlight);
    out.put("sparkVersion", spark.version());
    out.put("inputCacheBytes", input);
    out.put("peakRatio", peakRatio);
    out.put("secondsRatio", timeRatio);
    out.put("crossValidator", cv);
    out.put("sparktune", ours);
    if (opt.containsKey("json")) {
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }

  /** Times one fit and takes its cache peak, after the bus has delivered every update. */
  private static Map<String, Object> measure(String tool, CachedBytesListener listener,
      CachedBytesPoller poller, int top, Supplier<Fit> fit) throws InterruptedException {
    listener.awaitQuiet(500);
    listener.begin();
    poller.begin();
    long t0 = System.nanoTime();
    Fit result = fit.get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    listener.awaitQuiet(1000);
    CachePeak exact = listener.peak();
    CachePeak polled = poller.peak();
    long left = listener.total() - exact.baselineBytes();
    System.out.printf("%s: %.1f s, peak above input %s at %.1f s (polled %s), %d cached RDDs"
        + " at the peak, left cached after fit %s, best %.6f %s%n", tool, seconds,
        mb(exact.peakAboveBaseline()), exact.peakAtMillis() / 1e3,
        mb(polled.peakAboveBaseline()), exact.atPeak().size(), mb(left), result.bestMetric(),
        result.bestParams());
    for (CachePeak.CachedRdd rdd : exact.atPeak().subList(0, Math.min(top,
        exact.atPeak().size()))) {
      System.out.printf("    rdd %5d %9s  %s | %s%n", rdd.id(), mb(rdd.bytes()),
          rdd.callSite(), rdd.name().substring(0, Math.min(90, rdd.name().length())));
    }
    exact.byCallSite().forEach((site, g) -> System.out.printf("    %2d RDD(s) %9s  %s%n",
        g.get("rdds"), mb(g.get("bytes")), site));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("seconds", seconds);
    run.put("bestMetric", result.bestMetric());
    run.put("bestParams", result.bestParams());
    run.put("bytesLeftCachedAfterFit", left);
    run.put("listener", exact.toJson(top));
    run.put("polled", polled.toJson(3));
    return run;
  }

  private static Fit crossValidator(Dataset<Row> data, boolean adult, int parallelism) {
    LogisticRegression lr = new LogisticRegression();
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), REG)
        .addGrid(lr.elasticNetParam(), NET).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(estimator(lr, adult))
        .setEstimatorParamMaps(grid).setEvaluator(new BinaryClassificationEvaluator())
        .setFoldCol("fold").setParallelism(parallelism).setSeed(42).fit(data);
    int best = 0;
    for (int i = 1; i < grid.length; i++) {
      if (cv.avgMetrics()[i] > cv.avgMetrics()[best]) {
        best = i;
      }
    }
    return new Fit(cv.avgMetrics()[best], key((Double) grid[best].apply(lr.regParam()),
        (Double) grid[best].apply(lr.elasticNetParam())));
  }

  private static Fit sparktune(Dataset<Row> data, boolean adult, int parallelism,
      int fitsInFlight) {
    LogisticRegression lr = new LogisticRegression();
    SearchSpace space = new SearchSpace()
        .categorical(lr.regParam(), 0.001, 0.01, 0.1, 1.0)
        .categorical(lr.elasticNetParam(), 0.0, 0.5, 1.0);
    TunedModel model = new HyperparameterSearch().setEstimator(estimator(lr, adult))
        .setEvaluator(new BinaryClassificationEvaluator()).setSearchSpace(space)
        .setSampler(new GridSampler())
        .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
        .setParallelism(parallelism).setFitsInFlight(fitsInFlight).setSeed(42).fit(data);
    Map<String, Object> best = model.bestParams();
    return new Fit(model.bestMetric(), key((Double) best.get("regParam"),
        (Double) best.get("elasticNetParam")));
  }

  /** The bare model, or Adult's feature stages followed by it. */
  private static Estimator<?> estimator(LogisticRegression lr, boolean adult) {
    if (!adult) {
      return lr;
    }
    PipelineStage[] features = BenchData.adultFeatureStages();
    PipelineStage[] stages = Arrays.copyOf(features, features.length + 1);
    stages[features.length] = lr;
    return new Pipeline().setStages(stages);
  }

  private static Map<String, Object> summary(List<Map<String, Object>> runs) {
    List<Double> seconds = new ArrayList<>();
    List<Double> peaks = new ArrayList<>();
    for (Map<String, Object> run : runs) {
      seconds.add((Double) run.get("seconds"));
      @SuppressWarnings("unchecked")
      Map<String, Object> exact = (Map<String, Object>) run.get("listener");
      peaks.add(((Long) exact.get("peakAboveBaselineBytes")).doubleValue());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("medianPeakAboveBaselineBytes", Bench.median(peaks));
    out.put("medianSeconds", Bench.median(seconds));
    out.put("runs", runs);
    return out;
  }

  private static String key(double reg, double net) {
    return "regParam=" + reg + ",elasticNetParam=" + net;
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
