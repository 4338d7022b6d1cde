package org.sparktune.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.study.TuningException;
import scala.Console;
import scala.runtime.BoxedUnit;

/**
 * The sparktune job: {@code tune --config study.json} reads the data, runs the study and prints
 * the leaderboard and the best params. Under spark-submit it uses the submitted master; run
 * directly it starts an embedded local Spark.
 *
 * <p>Exit codes: 0 done, 2 bad input (config, data, params: nothing was trained), 1 the study
 * failed while running.
 */
public final class Main {

  private Main() {}

  /** Runs the job. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length != 3 || !args[0].equals("tune") || !args[1].equals("--config")) {
      System.err.println("usage: tune --config FILE   (got " + Arrays.toString(args) + ")");
      return 2;
    }
    try {
      StudyConfig config = StudyConfig.read(Path.of(args[2]));
      SparkSession spark = session();
      Dataset<Row> data = load(spark, config);
      HyperparameterSearch search = ConfiguredStudy.build(config, data.schema());
      long start = System.nanoTime();
      TunedModel model = search.fit(data);
      double seconds = (System.nanoTime() - start) / 1e9;
      print(model, seconds);
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("sparktune: bad input: " + e.getMessage());
      return 2;
    } catch (TuningException e) {
      System.err.println("sparktune: the study failed: " + e.getMessage());
      return 1;
    }
  }

  private static SparkSession session() {
    SparkSession.Builder builder = SparkSession.builder().appName("sparktune");
    if (System.getProperty("spark.master") == null) {
      builder.master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.scheduler.mode", "FAIR")
          .config("spark.sql.shuffle.partitions", "4");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  static Dataset<Row> load(SparkSession spark, StudyConfig config) {
    DataFrameReader reader = spark.read().format(config.dataFormat());
    if (config.dataFormat().equals("csv")) {
      reader.option("inferSchema", "true");
    }
    for (Map.Entry<String, String> e : config.dataOptions().entrySet()) {
      reader.option(e.getKey(), e.getValue());
    }
    Dataset<Row> data;
    try {
      data = reader.load(config.dataPath());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read data " + config.dataPath() + " as "
          + config.dataFormat() + ": " + e.getMessage().split("\n")[0]
          + "; check data.path and data.format.", e);
    }
    if (!config.columns().isEmpty()) {
      if (config.columns().size() != data.columns().length) {
        throw new IllegalArgumentException("data.columns names " + config.columns().size()
            + " columns but " + config.dataPath() + " has " + data.columns().length
            + "; name every column, in order.");
      }
      data = data.toDF(config.columns().toArray(new String[0]));
    }
    return data;
  }

  private static void print(TunedModel model, double seconds) {
    Dataset<Row> trials = model.trials();
    String metric = model.metricName();
    System.out.println();
    System.out.printf("sparktune: %d trials in %.1f s (stopped: %s); leaderboard by %s (best"
        + " first):%n", model.trialList().size(), seconds, model.stopReason(), metric);
    Dataset<Row> board = trials.orderBy(model.isLargerBetter()
            ? functions.col("metric").desc_nulls_last()
            : functions.col("metric").asc_nulls_last())
        .drop("foldMetrics", "seed", "startTime", "endTime", "provenance");
    // show prints to Scala's Console, which keeps the System.out it first saw: point it at
    // today's System.out.
    Console.withOut(System.out, () -> {
      board.show(20, false);
      return BoxedUnit.UNIT;
    });
    System.out.println("scheduler: " + model.provenance().get("scheduler"));
    System.out.println("best " + metric + " = " + model.bestMetric() + " (trial "
        + model.bestTrial().number() + ", judged on data fraction " + model.bestBudget()
        + "; refitted on all the data)");
    System.out.println("best params: " + model.bestParams());
  }
}
