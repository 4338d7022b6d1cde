package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.delta.DeltaInput;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.TimeBasedSplit;
import org.sparktune.testing.FileScans;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/**
 * A time split over a Delta table partitioned by day reads only the files of its folds'
 * windows: each window is a filter Spark pushes to the files, as the physical plan and Spark's
 * count of files read show.
 */
@Timeout(300)
class TimeSplitOnDeltaTest {

  private static final int DAYS = 30;
  private static final int PER_DAY = 40;

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  /** {@link #DAYS} days of Adult rows, one file per day, partitioned by {@code day}. */
  private String table() {
    String path = dir.resolve("events").toString();
    List<String> columns = new ArrayList<>(List.of(TestData.ADULT_NUMERIC));
    columns.add("label");
    columns.add("day");
    Dataset<Row> rows = TestData.adult().limit(DAYS * PER_DAY)
        .withColumn("n", functions.monotonically_increasing_id())
        .withColumn("day", functions.expr("date_add(DATE'2024-01-01', CAST(n % " + DAYS
            + " AS INT))"))
        .selectExpr(columns.toArray(new String[0]));
    rows.repartition(functions.col("day")).write().format("delta").partitionBy("day")
        .save(path);
    return path;
  }

  private static TimeBasedSplit split() {
    // Validation starts on days 24, 26 and 28; the windows reach back to day 18.
    return new TimeBasedSplit().setTimeCol("day").setNumFolds(3).setHorizon("2d")
        .setGap("1d").setTrainWindow("5d");
  }

  @Test
  void eachWindowIsAFilterThatReadsOnlyItsDays() {
    DeltaInput input = DeltaInput.latest(spark, table());
    Dataset<Row> data = input.read();
    assertEquals(DAYS, data.inputFiles().length, "one file a day");
    List<TimeBasedSplit.Window> windows = split().windows(data);
    for (TimeBasedSplit.Window w : windows) {
      Dataset<Row> train = data.where(w.train());
      assertEquals(5, train.inputFiles().length, w.toString());
      assertEquals(2, data.where(w.validation()).inputFiles().length, w.toString());
      String plan = train.queryExecution().executedPlan().toString();
      assertTrue(plan.contains("PartitionFilters: [isnotnull(day"), plan);
      assertTrue(plan.contains("(day#") && plan.contains(">= "+ w.trainStart()), plan);
    }
  }

  @Test
  void aStudyOnATimeSplitReadsTheFilesOfItsWindowsOnly() {
    DeltaInput input = DeltaInput.latest(spark, table());
    RecordingLogisticRegression lr = new RecordingLogisticRegression();
    PipelineStage[] stages = {
        new VectorAssembler().setInputCols(TestData.ADULT_NUMERIC).setOutputCol("features"),
        lr.setMaxIter(5)};
    HyperparameterSearch search = new HyperparameterSearch()
        .setEstimator(new Pipeline().setStages(stages))
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0))
        .setSampler(new RandomSampler()).setSplitter(split())
        .setMaxTrials(2).setParallelism(1).setSeed(5);
    RecordingLogisticRegression.clear();
    List<FileScans.Scan> scans;
    TunedModel model;
    try (FileScans recorded = FileScans.record(spark)) {
      model = search.fit(input);
      scans = recorded.scans();
    }
    assertEquals(2, model.trials().count());
    List<RecordingLogisticRegression.Fit> fits = RecordingLogisticRegression.fits();
    assertEquals(2 * 3 + 1, fits.size());
    for (int i = 0; i < 3; i++) {
      assertEquals(5L * PER_DAY, fits.get(i).rows(), "fold " + i + " trains on its 5 days");
    }
    assertEquals((long) DAYS * PER_DAY, fits.get(6).rows(), "the refit reads every day");
    // The split reads the windows' rows by one filtered scan: days 18 to 29, 12 files of 30.
    // (The other scans: the time column's range, which reads no column of the files, and the
    // refit, which reads every day.)
    List<FileScans.Scan> windowed = scans.stream()
        .filter(s -> s.node().contains("PartitionFilters: [isnotnull(day")).toList();
    assertEquals(1, windowed.size(), scans.toString());
    assertEquals(12, windowed.get(0).files(), windowed.toString());
    assertTrue(windowed.get(0).node().contains("(day#") && windowed.get(0).node()
        .contains(">= 2024-01-19)"), windowed.toString());
  }
}
