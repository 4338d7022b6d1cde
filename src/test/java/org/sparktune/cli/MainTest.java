package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Iterations;
import org.sparktune.testing.SparkTestSession;

/** The job as a user runs it: a config file in, the leaderboard out, on the Adult test data. */
class MainTest {

  private static final String STUDY = """
      {
        "data": {
          "path": "test-data/adult/adult.data",
          "format": "csv",
          "options": {"header": "false", "ignoreLeadingWhiteSpace": "true"},
          "columns": ["age", "workclass", "fnlwgt", "education", "education_num",
                      "marital_status", "occupation", "relationship", "race", "sex",
                      "capital_gain", "capital_loss", "hours_per_week", "native_country",
                      "income"]
        },
        "label": "income",
        "model": "logisticRegression",
        "space": [
          {"param": "regParam", "type": "float", "low": 0.0001, "high": 1.0, "log": true}
        ],
        "sampler": {"name": "random"},
        "splitter": {"name": "stratifiedKFold", "numFolds": 3},
        "scheduler": %s,
        "metric": "areaUnderROC",
        "maxTrials": 9,
        "parallelism": %d,
        "seed": 7%s
      }
      """;

  @BeforeAll
  static void session() {
    SparkTestSession.get();
  }

  /** Runs the job on a config with {@code scheduler}; returns [exit code, stdout, stderr]. */
  private static String[] tune(String scheduler) throws IOException {
    return tune(scheduler, 2, "");
  }

  /** Runs the job at {@code parallelism}; returns [exit code, stdout, stderr]. */
  private static String[] tune(String scheduler, int parallelism) throws IOException {
    return tune(scheduler, parallelism, "");
  }

  /** As {@link #tune(String)}, with {@code moreKeys} (",\n  \"key\": value", …) added. */
  private static String[] tune(String scheduler, String moreKeys) throws IOException {
    return tune(scheduler, 2, moreKeys);
  }

  /** Runs the job at {@code parallelism} with {@code moreKeys}; returns [exit code, stdout, stderr]. */
  private static String[] tune(String scheduler, int parallelism, String moreKeys)
      throws IOException {
    Path config = Files.createTempFile("sparktune-study", ".json");
    Files.writeString(config, STUDY.formatted(scheduler, parallelism, moreKeys));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code;
    try {
      PrintStream printing = new PrintStream(printed, true, StandardCharsets.UTF_8);
      System.setOut(printing);
      System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
      // Dataset.show prints to Scala's Console, which keeps the stream it first saw.
      code = scala.Console.withOut(printing,
          () -> Main.run(new String[] {"tune", "--config", config.toString()}));
    } finally {
      System.setOut(out);
      System.setErr(err);
      Files.delete(config);
    }
    return new String[] {Integer.toString(code), printed.toString(StandardCharsets.UTF_8),
        errors.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void theSchedulerKeyRunsSuccessiveHalvingFromTheConfig() throws IOException {
    String[] run = tune("{\"name\": \"successiveHalving\", \"minFraction\": 0.1111111111111111}");
    assertEquals("0", run[0], run[2]);
    assertTrue(run[1].contains("sparktune: 9 trials in"), run[1]);
    // 9 candidates at 1/9, 3 at 1/3, 1 on all the data: 8 pruned, one complete.
    assertEquals(8, run[1].split("PRUNED", -1).length - 1, run[1]);
    assertEquals(1, run[1].split("COMPLETE", -1).length - 1, run[1]);
  }

  @Test
  void theFidelityAndRaceFoldsKeysConfigureTheSearch() throws IOException {
    Path config = Files.createTempFile("sparktune-study", ".json");
    try {
      // The scheduler's slot also carries the keys that follow it in the config.
      Files.writeString(config, STUDY.formatted("{\"name\": \"successiveHalving\"},"
          + " \"fidelity\": {\"name\": \"iterations\", \"param\": \"maxIter\","
          + " \"maxValue\": 81, \"minValue\": 3}, \"raceFolds\": true", 1, ""));
      StructType schema = new StructType().add("age", DataTypes.DoubleType)
          .add("income", DataTypes.StringType);
      HyperparameterSearch search = ConfiguredStudy.build(StudyConfig.read(config), schema);
      assertEquals(new Iterations("maxIter", 81, 3), search.getFidelity());
      assertTrue(search.getRaceFolds());
      search.transformSchema(schema);
    } finally {
      Files.delete(config);
    }
  }

  @Test
  void anUnknownFidelityFailsBeforeTrainingNamingTheKnownOnes() throws IOException {
    String[] run = tune("{\"name\": \"fullBudget\"}, \"fidelity\": {\"name\": \"epochs\"}");
    assertEquals("2", run[0]);
    assertEquals("sparktune: bad input: unknown fidelity 'epochs'; the fidelities are"
        + " [dataFraction, iterations].", run[2].strip());
  }

  @Test
  void aSchedulerWithoutANameRunsAshaAboveParallelismOne() throws IOException {
    String[] run = tune("{}", 2);
    assertEquals("0", run[0], run[2]);
    assertTrue(run[1].contains("scheduler: {\"name\":\"asha\",\"config\":{\"minFraction\":"
        + (1.0 / 9) + ","), run[1]);
    assertTrue(run[1].contains("judged on data fraction 1.0; refitted on all the data)"),
        run[1]);
  }

  @Test
  void theMultiFidelitySchedulerRunsSuccessiveHalvingAtParallelismOne() throws IOException {
    String[] run = tune("\"multiFidelity\"", 1);
    assertEquals("0", run[0], run[2]);
    assertTrue(run[1].contains("scheduler: {\"name\":\"successiveHalving\","), run[1]);
    // 9 candidates at 1/9, 3 at 1/3, 1 on all the data.
    assertEquals(8, run[1].split("PRUNED", -1).length - 1, run[1]);
  }

  @Test
  void anUnknownSchedulerFailsBeforeTrainingNamingTheKnownOnes() throws IOException {
    String[] run = tune("{\"name\": \"hyperbandd\"}");
    assertEquals("2", run[0]);
    assertEquals("sparktune: bad input: unknown scheduler 'hyperbandd'; the schedulers are [asha,"
        + " fullBudget, hyperband, medianStopping, multiFidelity, successiveHalving,"
        + " thresholdStopping].",
        run[2].strip());
  }

  @Test
  void theStopKeysSetTheSearchsTimeoutsAndStops() throws IOException {
    Path file = Files.createTempFile("sparktune-study", ".json");
    try {
      Files.writeString(file, STUDY.formatted("{\"name\": \"fullBudget\"}", 2,
          ", \"timeoutSeconds\": 900, \"trialTimeoutSeconds\": 60,"
              + " \"stopAfterNoImprovement\": 5, \"targetMetric\": 0.93"));
      StudyConfig config = StudyConfig.read(file);
      HyperparameterSearch search = ConfiguredStudy.build(config,
          Main.load(SparkTestSession.get(), config).schema());
      assertEquals(900.0, search.getTimeout());
      assertEquals(60.0, search.getTrialTimeout());
      assertEquals(5, search.getStopAfterNoImprovement());
      assertEquals(0.93, search.getTargetMetric());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void aStopKeyOutOfRangeFailsBeforeTraining() throws IOException {
    String[] run = tune("{\"name\": \"fullBudget\"}", ", \"stopAfterNoImprovement\": -1");
    assertEquals("2", run[0]);
    assertEquals("sparktune: bad input: stopAfterNoImprovement must be at least 1 but is -1; it"
        + " is the number of finished trials in a row without a better value that stops the"
        + " study: give one, e.g. setStopAfterNoImprovement(10), or"
        + " clear(stopAfterNoImprovement()) for none.", run[2].strip());
  }
}
