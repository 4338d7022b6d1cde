package org.sparktune.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.schedule.Asha;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Hyperband;
import org.sparktune.schedule.Iterations;
import org.sparktune.schedule.Scheduler;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.Sampler;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.FoldColumn;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * Multi-fidelity search against Spark's CrossValidator on a random forest (issue 9), on two
 * workloads, each with a held-out 20 % test split (rows whose seeded id hash is 0 mod 5):
 * {@code --data synthetic}, the non-linear, noisy, imbalanced set of {@link NonLinearData}
 * (seed 42; 400,000 rows unless {@code --rows} says otherwise, a size estimated in {@code
 * bench/run-multifidelity.sh} to make (a) take 15-30 minutes here), and {@code --data adult},
 * the real Adult rows featurised once ({@link BenchData#adult}).
 *
 * <ul>
 *   <li>(a) {@code cv}: CrossValidator over a 27-point {@code RandomForestClassifier} grid,
 *       numTrees {16, 32, 64} × maxDepth {4, 8, 12} × subsamplingRate {0.5, 0.75, 1};
 *   <li>(b) {@code hyperband}: {@link Hyperband} with {@link RandomSampler};
 *   <li>(c) {@code asha}: {@link Asha} with {@link TpeSampler} (its defaults);
 * </ul>
 *
 * <p>(b) and (c) search numTrees int [16, 64], maxDepth int [4, 12], subsamplingRate uniform
 * [0.5, 1], the ranges that contain the grid. All three share the {@code fold} column (3
 * folds), the evaluator (areaUnderROC), the parallelism (2 by default), the forest's default
 * seed, and refit their winner on all the training rows, which is timed with the search; the
 * winner is then scored on the test rows. (b) and (c) share the ladder of data fractions:
 * {@code --minFraction} (default 1/27) up by η = 3 to {@code --maxFraction} (default 1/3). Why
 * the top rung is 1/3 by default: in fits of all the data (3 fold fits each), CrossValidator
 * pays 27 plus its refit; one Hyperband iteration from 1/27 to 1 pays about 15.7 (49 trials),
 * from 1/9 to 1 about 8.7 (17 trials), so neither can finish in a fifth of CrossValidator's
 * time; from 1/27 to 1/3 it pays about 2.9 (17 trials, the default {@code --hyperbandTrials}),
 * and ASHA's 27 trials (the default {@code --ashaTrials}) about 3, each with the winner judged
 * at 1/3 ({@code TunedModel.bestBudget()}) and refitted on all the rows. Give {@code
 * --maxFraction 1} to judge on all the data at that cost.
 *
 * <p>Reported for each run: wall time of the fit (refit included), total executor time (the
 * tasks' executor run time, and their CPU time, {@link RungCosts}), trials started, finished
 * (COMPLETE) and pruned, the best validation metric and the data fraction it was judged on,
 * the test metric of the refitted winner, and for (b) and (c) each rung's trials, span, rows
 * read from the cache and executor time; and the run's peak of cached bytes, memory + disk over
 * every cached RDD (the fold caches and each fit's own working set, such as a forest's bagged
 * points; {@link CachedBytesListener}), above what was cached before it. CrossValidator runs
 * {@code --cvRepeats} times (default 1), (b) and (c) {@code --repeats} times (default 3) with
 * study seeds 42, 43, … (from {@code --firstSeed} when given); the summary gives medians and
 * the target: test metric at least CrossValidator's − 0.002 in at most 0.2 × its wall time.
 *
 * <p>{@code --scaling 100000,400000,1600000}: instead of the comparison, one Hyperband run per
 * synthetic size, reporting its wall time and, per rung, the rows read and the span.
 *
 * <p>Arguments: {@code --data synthetic|adult --rows N --repeats R --cvRepeats R --only
 * cv,hyperband,asha --parallelism P --minFraction F --maxFraction F --hyperbandTrials N
 * --ashaTrials N --firstSeed S --raceFolds true|false --fitsInFlight N --partitions P --adult PATH
 * --scaling N,N,… --json OUT}. {@code --fitsInFlight N} bounds the fold fits of (b) and (c) in
 * flight at N full fits ({@code setFitsInFlight}; by default the parallelism, as
 * CrossValidator). {@code --raceFolds true} races the folds of (b) and (c) ({@code
 * setRaceFolds}); off by default. The JSON holds each run's trials (params, end state, value
 * per rung) and CrossValidator's mean validation metric per configuration. {@code --fidelity
 * numTrees} makes the forest's size the budget instead of the data fraction ({@code
 * Iterations("numTrees", 64)}: every rung fits all the training rows with {@code round(f × 64)}
 * trees, the refit 64), and searches maxDepth and subsamplingRate only; {@code data} (the
 * default) is the data fraction.
 */
public final class MultiFidelityBenchmark {

  private static final int[] TREES = {16, 32, 64};
  private static final int[] DEPTH = {4, 8, 12};
  private static final double[] SUBSAMPLING = {0.5, 0.75, 1.0};

  private final Map<String, String> opt;
  private final SparkSession spark;
  private final RungCosts costs = new RungCosts();
  private final CachedBytesListener cached = new CachedBytesListener();
  private final BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator();
  private final int parallelism;

  private MultiFidelityBenchmark(Map<String, String> opt, SparkSession spark) {
    this.opt = opt;
    this.spark = spark;
    this.parallelism = Integer.parseInt(opt.getOrDefault("parallelism", "2"));
    spark.sparkContext().addSparkListener(costs);
    spark.sparkContext().addSparkListener(cached);
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> opt = Bench.options(args);
    SparkSession spark = Bench.session();
    MultiFidelityBenchmark bench = new MultiFidelityBenchmark(opt, spark);
    Map<String, Object> out = opt.containsKey("scaling") ? bench.scaling() : bench.compare();
    if (opt.containsKey("json")) {
      Bench.writeJson(opt.get("json"), out);
    }
    spark.stop();
  }

  private Map<String, Object> compare() throws InterruptedException {
    String dataName = opt.getOrDefault("data", "synthetic");
    long rows = Long.parseLong(opt.getOrDefault("rows", "400000"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    int cvRepeats = Integer.parseInt(opt.getOrDefault("cvRepeats", "1"));
    long firstSeed = Long.parseLong(opt.getOrDefault("firstSeed", "42"));
    String[] only = opt.getOrDefault("only", "cv,hyperband,asha").split(",");
    Dataset<Row> all = dataName.equals("adult")
        ? BenchData.adult(spark, opt.getOrDefault("adult", "test-data/adult/adult.data"))
        : synthetic(rows);
    Split parts = split(all);
    Map<String, Object> out = header(dataName, parts);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int r = 0; r < Math.max(repeats, cvRepeats); r++) {
      for (String tool : only) {
        if (tool.equals("cv") ? r >= cvRepeats : r >= repeats) {
          continue;
        }
        Map<String, Object> run = tool.equals("cv") ? crossValidator(parts.train(), parts.test())
            : search(tool, parts.train(), parts.test(), firstSeed + r);
        run.put("repeat", r);
        System.out.println(run);
        runs.add(run);
      }
    }
    out.put("runs", runs);
    out.put("summary", BenchSummary.summarise(runs, dataName.equals("synthetic")));
    BenchSummary.print(runs, dataName.equals("synthetic"));
    return out;
  }

  private Map<String, Object> scaling() throws InterruptedException {
    List<Map<String, Object>> runs = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    for (String size : opt.get("scaling").split(",")) {
      Split parts = split(synthetic(Long.parseLong(size.strip())));
      Map<String, Object> run = header("synthetic", parts);
      run.putAll(search("hyperband", parts.train(), parts.test(), 42));
      System.out.println(run);
      runs.add(run);
      parts.train().unpersist(true);
      parts.test().unpersist(true);
    }
    out.put("parallelism", parallelism);
    out.put("scaling", runs);
    BenchSummary.printScaling(runs);
    return out;
  }

  private Dataset<Row> synthetic(long rows) {
    int partitions = Integer.parseInt(opt.getOrDefault("partitions", "2"));
    return BenchData.withFold(NonLinearData.generate(spark, rows, 42, partitions));
  }

  /** The training rows and the held-out test rows, both cached. */
  private record Split(Dataset<Row> train, Dataset<Row> test) {}

  /** {@code all} split into training and test rows, both cached and counted. */
  private static Split split(Dataset<Row> all) {
    Column isTest = isTest();
    Dataset<Row> train = all.where(functions.not(isTest)).cache();
    Dataset<Row> test = all.where(isTest).cache();
    train.count();
    test.count();
    return new Split(train, test);
  }

  /** Whether a row is a held-out test row: its seeded id hash is 0 mod 5. */
  static Column isTest() {
    return functions.pmod(functions.xxhash64(functions.col("id"), functions.lit(99L)),
        functions.lit(5L)).equalTo(0);
  }

  private Map<String, Object> header(String dataName, Split parts) {
    long train = parts.train().count();
    long test = parts.test().count();
    double positives = parts.train().agg(functions.avg("label")).first().getDouble(0);
    System.out.printf("data=%s train=%d test=%d positives=%.4f parallelism=%d%n", dataName,
        train, test, positives, parallelism);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", dataName);
    out.put("trainRows", train);
    out.put("testRows", test);
    out.put("positiveRate", positives);
    out.put("parallelism", parallelism);
    return out;
  }

  private Map<String, Object> crossValidator(Dataset<Row> train, Dataset<Row> test)
      throws InterruptedException {
    RandomForestClassifier rf = new RandomForestClassifier();
    ParamMap[] grid = new ParamGridBuilder().addGrid(rf.numTrees(), TREES)
        .addGrid(rf.maxDepth(), DEPTH).addGrid(rf.subsamplingRate(), SUBSAMPLING).build();
    beginWindow();
    long t0 = System.nanoTime();
    CrossValidatorModel cv = new CrossValidator().setEstimator(rf).setEstimatorParamMaps(grid)
        .setEvaluator(evaluator).setFoldCol("fold").setParallelism(parallelism).fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    costs.awaitQuiet(300);
    int best = 0;
    for (int i = 1; i < grid.length; i++) {
      if (cv.avgMetrics()[i] > cv.avgMetrics()[best]) {
        best = i;
      }
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", "cv");
    run.put("wallSeconds", seconds);
    run.put("executorSeconds", costs.executorSeconds());
    run.put("executorCpuSeconds", costs.cpuSeconds());
    run.put("trialsStarted", grid.length);
    run.put("trialsFinished", grid.length);
    run.put("trialsPruned", 0);
    run.put("bestValidation", cv.avgMetrics()[best]);
    run.put("bestBudget", 1.0);
    run.put("bestParams", grid[best].toString().replaceAll("\\s+", " "));
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < grid.length; i++) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("numTrees", grid[i].apply(rf.numTrees()));
      config.put("maxDepth", grid[i].apply(rf.maxDepth()));
      config.put("subsamplingRate", grid[i].apply(rf.subsamplingRate()));
      config.put("meanValidation", cv.avgMetrics()[i]);
      configs.add(config);
    }
    run.put("configs", configs);
    run.put("costs", costs.byLabel());
    run.put("cachePeak", cachePeak());
    run.put("testMetric", evaluator.evaluate(cv.transform(test)));
    return run;
  }

  private Map<String, Object> search(String tool, Dataset<Row> train, Dataset<Row> test,
      long seed) throws InterruptedException {
    RandomForestClassifier rf = new RandomForestClassifier();
    boolean trees = opt.getOrDefault("fidelity", "data").equals("numTrees");
    SearchSpace space = trees ? new SearchSpace()
        : new SearchSpace().intRange(rf.numTrees(), 16, 64);
    space.intRange(rf.maxDepth(), 4, 12).uniform(rf.subsamplingRate(), 0.5, 1.0);
    double min = Double.parseDouble(opt.getOrDefault("minFraction", Double.toString(1.0 / 27)));
    double max = Double.parseDouble(opt.getOrDefault("maxFraction", Double.toString(1.0 / 3)));
    boolean hyperband = tool.equals("hyperband");
    Scheduler scheduler = hyperband
        ? new Hyperband().setMinFraction(min).setMaxFraction(max)
        : new Asha().setMinFraction(min).setMaxFraction(max);
    Sampler sampler = hyperband ? new RandomSampler() : new TpeSampler();
    int maxTrials = Integer.parseInt(hyperband ? opt.getOrDefault("hyperbandTrials", "17")
        : opt.getOrDefault("ashaTrials", "27"));
    boolean raceFolds = Boolean.parseBoolean(opt.getOrDefault("raceFolds", "false"));
    int fitsInFlight = Integer.parseInt(opt.getOrDefault("fitsInFlight", "0"));
    beginWindow();
    long t0 = System.nanoTime();
    TunedModel model = new HyperparameterSearch().setEstimator(rf).setEvaluator(evaluator)
        .setSearchSpace(space).setSampler(sampler).setScheduler(scheduler)
        .setSplitter(new FoldColumn().setFoldCol("fold").setNumFolds(3))
        .setFidelity(trees ? new Iterations("numTrees", 64) : new DataFraction())
        .setRaceFolds(raceFolds).setFitsInFlight(fitsInFlight).setMaxTrials(maxTrials)
        .setParallelism(parallelism)
        .setSeed(seed).fit(train);
    double seconds = (System.nanoTime() - t0) / 1e9;
    costs.awaitQuiet(300);
    Map<String, Map<String, Object>> byLabel = costs.byLabel();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", tool);
    run.put("seed", seed);
    run.put("scheduler", model.provenance().get("scheduler"));
    run.put("raceFolds", raceFolds);
    run.put("fitsInFlight", fitsInFlight == 0 ? parallelism : fitsInFlight);
    run.put("fidelity", trees ? "numTrees" : "data");
    run.put("wallSeconds", seconds);
    run.put("executorSeconds", costs.executorSeconds());
    run.put("executorCpuSeconds", costs.cpuSeconds());
    List<Trial> trials = model.trialList();
    run.put("trialsStarted", trials.size());
    run.put("trialsFinished", count(trials, TrialState.COMPLETE));
    run.put("trialsPruned", count(trials, TrialState.PRUNED));
    run.put("trialsFailed", count(trials, TrialState.FAILED));
    run.put("bestValidation", model.bestMetric());
    run.put("bestBudget", model.bestBudget());
    run.put("bestParams", model.bestParams().toString());
    run.put("rungs", rungs(model, byLabel));
    run.put("trials", trialRecords(trials));
    run.put("costs", byLabel);
    run.put("cachePeak", cachePeak());
    run.put("testMetric", evaluator.evaluate(model.transform(test)));
    return run;
  }

  /** Starts a run's cost and cache windows once the bus is quiet, outside the timed span. */
  private void beginWindow() throws InterruptedException {
    cached.awaitQuiet(500);
    cached.begin();
    costs.begin();
  }

  /**
   * The run's peak of cached bytes (memory + disk, every cached RDD: the fold cache and each
   * fit's own working set, such as a forest's bagged points), with the biggest RDDs at it.
   */
  private Map<String, Object> cachePeak() throws InterruptedException {
    cached.awaitQuiet(1000);
    CachePeak peak = cached.peak();
    System.out.printf("cache peak %.1f MB above %.1f MB cached before the run, at %.1f s%n",
        peak.peakAboveBaseline() / 1e6, peak.baselineBytes() / 1e6, peak.peakAtMillis() / 1e3);
    return peak.toJson(8);
  }

  /** Each rung: its fraction, trials, span, and the rows read and executor time it cost. */
  private static List<Map<String, Object>> rungs(TunedModel model,
      Map<String, Map<String, Object>> byLabel) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : model.rungs().groupBy("rung", "budget")
        .agg(functions.count("*").as("trials"), functions.min("startTime").as("start"),
            functions.max("endTime").as("end"), functions.sum("durationSeconds").as("busy"))
        .orderBy("rung").collectAsList()) {
      Map<String, Object> rung = new LinkedHashMap<>();
      rung.put("rung", r.getInt(0));
      rung.put("fraction", r.getDouble(1));
      rung.put("trials", r.getLong(2));
      rung.put("spanSeconds", (r.getTimestamp(4).getTime() - r.getTimestamp(3).getTime())
          / 1000.0);
      rung.put("trialSeconds", r.getDouble(5));
      Map<String, Object> cost = byLabel.getOrDefault(Double.toString(r.getDouble(1)),
          Map.of());
      rung.put("rowsRead", cost.getOrDefault("rowsRead", 0L));
      rung.put("executorSeconds", cost.getOrDefault("executorSeconds", 0.0));
      rung.put("cpuSeconds", cost.getOrDefault("cpuSeconds", 0.0));
      out.add(rung);
    }
    return out;
  }

  /** Each trial: its params, end state and value at each rung it finished. */
  private static List<Map<String, Object>> trialRecords(List<Trial> trials) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Trial t : trials) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("number", t.number());
      record.put("params", t.params().toString());
      record.put("state", t.state().toString());
      List<String> rungs = new ArrayList<>();
      t.rungs().forEach(r -> rungs.add(r.budget() + "=" + r.value()
          + (r.partial() ? " (partial)" : "")));
      record.put("rungs", rungs);
      out.add(record);
    }
    return out;
  }

  private static long count(List<Trial> trials, TrialState state) {
    return trials.stream().filter(t -> t.state() == state).count();
  }
}
