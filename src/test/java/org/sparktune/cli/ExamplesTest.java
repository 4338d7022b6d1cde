package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.TunedModel;
import org.sparktune.testing.SparkTestSession;

/**
 * Runs every config of spark-submit/examples/ (one per feature) through the job, on the first
 * 3,000 rows of the Adult data, few trials, 2 folds and 5 iterations (a local Spark job costs
 * tens of milliseconds whatever its rows, and an iteration is one), and the README's own study
 * through validate.
 * The Delta table, the Parquet file with a time column and the saved pipeline the examples
 * read are made here from test-data/adult.
 */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("spark-submit/examples");
  private static final Path WORK = Path.of("target/examples");
  private static final String SMALL = WORK.resolve("adult-small.csv").toString();
  private static final String[] COLUMNS = {"age", "workclass", "fnlwgt", "education",
      "education_num", "marital_status", "occupation", "relationship", "race", "sex",
      "capital_gain", "capital_loss", "hours_per_week", "native_country", "income"};

  @BeforeAll
  static void data() throws IOException {
    SparkSession spark = SparkTestSession.get();
    delete(WORK);
    Files.createDirectories(WORK);
    try (Stream<String> lines = Files.lines(Path.of("test-data/adult/adult.data"))) {
      Files.write(Path.of(SMALL), lines.limit(3000).toList());
    }
    Dataset<Row> adult = spark.read().option("inferSchema", "true")
        .option("ignoreLeadingWhiteSpace", "true").csv(SMALL).toDF(COLUMNS);
    adult.write().format("delta").save(WORK.resolve("adult-delta").toString());
    adult.withColumn("event_time", functions.expr("timestamp_seconds(1704067200 +"
        + " (monotonically_increasing_id() % 360) * 86400)"))
        .write().parquet(WORK.resolve("adult-events.parquet").toString());
    new Pipeline().setStages(new PipelineStage[] {
        new StringIndexer().setInputCol("workclass").setOutputCol("workclass_index")
            .setHandleInvalid("keep"),
        new OneHotEncoder().setInputCol("workclass_index").setOutputCol("workclass_onehot"),
        new VectorAssembler().setInputCols(new String[] {"age", "education_num",
            "hours_per_week", "workclass_onehot"}).setOutputCol("features")})
        .write().save(WORK.resolve("adult-features").toString());
  }

  private static void delete(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The example's study, smaller: its given overrides, then 2 folds. */
  private static CliRun tune(String example, String... overrides) {
    return CliRun.of("tune", EXAMPLES.resolve(example), small(overrides));
  }

  private static String[] small(String... overrides) {
    String[] out = Arrays.copyOf(overrides, overrides.length + 1);
    out[overrides.length] = "splitter.numFolds=2";
    return out;
  }

  private static void assertDone(CliRun run) {
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("best params: "), run.toString());
  }

  @Test
  void theReadmeStudyValidatesAndPrintsItsFoldsAndRungs() {
    CliRun run = CliRun.of("validate", Path.of("test-data/adult-study.yaml"),
        "input.csv=" + SMALL, "outputs.dir=" + WORK.resolve("adult-study"));
    assertEquals(0, run.code(), run.toString());
    assertTrue(run.out().contains("label income: <=50K: 2266, >50K: 734"), run.out());
    assertTrue(run.out().contains("  fold  train rows  validation rows"), run.out());
    assertTrue(run.out().contains("rung schedule (asha at parallelism 2"), run.out());
    assertTrue(run.out().contains("regParam: log-uniform [1.0E-4, 1.0]  (param"
        + " model.regParam)"), run.out());
    assertTrue(run.out().contains("nothing was trained"), run.out());
    assertEquals("", run.err(), run.toString());
  }

  @Test
  void conditionalSpace() {
    CliRun run = tune("conditional-space.yaml", "input.csv=" + SMALL, "budget.maxTrials=2",
        "estimator.params.maxIter=5");
    assertDone(run);
    assertTrue(run.out().contains("when penalty in [elasticNet]"), run.out());
    assertTrue(Files.isDirectory(WORK.resolve("conditional-space/trials.csv")), run.out());
    TunedModel model = TunedModel.load(WORK.resolve("conditional-space/model").toString());
    assertEquals(2, model.trialList().size());
  }

  @Test
  void modelChoice() {
    CliRun run = tune("model-choice.yaml", "input.csv=" + SMALL, "budget.maxTrials=2",
        "estimator.choice.lr.params.maxIter=5");
    assertDone(run);
    assertTrue(run.out().contains("a choice of lr (LogisticRegression), tree"
        + " (DecisionTreeClassifier)"), run.out());
  }

  @Test
  void scheduler() {
    // Its schedule cut to two rungs: 3 candidates on 1/3 of each training fold, the best on all.
    CliRun run = tune("scheduler.yaml", "input.csv=" + SMALL, "budget.maxTrials=3",
        "scheduler.minFraction=0.3333333333333333", "estimator.params.maxIter=5");
    assertDone(run);
    assertTrue(run.out().contains("scheduler successiveHalving"), run.out());
    Dataset<Row> trials = SparkTestSession.get().read()
        .json(WORK.resolve("scheduler/trials.json").toString());
    assertEquals(2, trials.filter("status = 'PRUNED'").count());
    assertEquals(1, trials.filter("status = 'COMPLETE'").count());
    Path report = WORK.resolve("scheduler/report.html");
    assertTrue(run.out().contains("wrote the report to " + report), run.out());
    assertReport(report, 3);

    CliRun again = CliRun.of("report", EXAMPLES.resolve("scheduler.yaml"),
        "input.csv=" + SMALL);
    assertEquals(0, again.code(), again.toString());
    assertEquals("wrote the report of study 'example-scheduler' (from the model in "
        + WORK.resolve("scheduler/model") + ") to " + report, again.out().strip());
  }

  /** A study report: a whole page with Plotly inlined and a row for each of its trials. */
  private static void assertReport(Path report, int trials) {
    String page;
    try {
      page = Files.readString(report);
    } catch (IOException e) {
      throw new AssertionError("no report at " + report, e);
    }
    assertTrue(page.startsWith("<!DOCTYPE html>"), report.toString());
    assertTrue(page.contains("Plotly"), report.toString());
    assertEquals(trials, page.split("<tr data-trial=", -1).length - 1, report.toString());
  }

  @Test
  void studyLogTuneResumeAndLeaderboard() {
    Path config = EXAMPLES.resolve("study-log.yaml");
    CliRun first = CliRun.of("tune", config, small("input.csv=" + SMALL, "budget.maxTrials=2",
        "estimator.params.maxIter=5"));
    assertDone(first);
    CliRun resumed = CliRun.of("resume", config, small("input.csv=" + SMALL,
        "budget.maxTrials=3", "estimator.params.maxIter=5"));
    assertDone(resumed);
    assertTrue(resumed.out().contains("resuming: the study log holds 2 trials of"
        + " 'example-study-log'"), resumed.out());
    CliRun board = CliRun.of("leaderboard", config, "input.csv=" + SMALL);
    assertEquals(0, board.code(), board.toString());
    assertTrue(board.out().contains("study 'example-study-log': 3 trials, from study log"
        + " target/examples/study-log"), board.out());
    Path report = WORK.resolve("study-log-report.html");
    CliRun written = CliRun.of("report", "--config", config.toString(), "--out",
        report.toString());
    assertEquals(0, written.code(), written.toString());
    assertTrue(written.out().contains("(from study log target/examples/study-log)"),
        written.out());
    assertReport(report, 3);
    CliRun nowhere = CliRun.of("report", config, "input.csv=" + SMALL);
    assertEquals(2, nowhere.code(), nowhere.toString());
    assertEquals(List.of("sparktune: config " + config + " has no outputs.dir to write the"
        + " report in; give --out FILE, or add outputs: {dir: PATH}."), nowhere.errLines());
    CliRun other = CliRun.of("resume", config, "input.csv=" + SMALL, "study=never-ran");
    assertEquals(2, other.code(), other.toString());
    assertEquals(List.of("sparktune: study 'never-ran' has no trial in study log"
        + " target/examples/study-log, so there is nothing to resume; run tune to start it."),
        other.errLines());
  }

  @Test
  void deltaInput() {
    CliRun run = tune("delta-input.yaml", "budget.maxTrials=2", "estimator.params.numTrees=3");
    assertDone(run);
    assertTrue(run.out().contains("input: Delta table target/examples/adult-delta at version"
        + " 0"), run.out());
    TunedModel model = TunedModel.load(WORK.resolve("delta-input/model").toString());
    assertEquals("0", model.provenance().get("inputVersion"));
  }

  @Test
  void timeSplit() {
    CliRun run = tune("time-split.yaml", "budget.maxTrials=2", "estimator.params.maxIter=5");
    assertDone(run);
    assertTrue(run.out().contains("splitter timeBasedSplit (2 folds)"), run.out());
  }

  @Test
  void savedPipeline() {
    CliRun run = tune("saved-pipeline.yaml", "input.csv=" + SMALL, "budget.maxTrials=2",
        "estimator.params.maxIter=5");
    assertDone(run);
    assertTrue(run.out().contains("the stages of the saved pipeline"
        + " target/examples/adult-features"), run.out());
  }
}
