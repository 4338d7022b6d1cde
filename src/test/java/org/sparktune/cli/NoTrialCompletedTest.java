package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.testing.SparkTestSession;

/** A study whose every trial fails exits 4, after its progress lines, with one last line. */
class NoTrialCompletedTest {

  @TempDir
  Path dir;

  @Test
  void everyTrialFailingExitsFour() throws IOException {
    SparkTestSession.get();
    Path file = dir.resolve("failing.yaml");
    // LinearSVC fits binary labels only: every trial on the five races fails.
    Files.writeString(file, """
        study: failing
        input:
          csv: test-data/adult/adult.data
          options: {header: false, ignoreLeadingWhiteSpace: true}
          columns: [age, workclass, fnlwgt, education, education_num, marital_status,
                    occupation, relationship, race, sex, capital_gain, capital_loss,
                    hours_per_week, native_country, income]
        label: race
        features: {numeric: [age, hours_per_week]}
        estimator: {class: LinearSVC, params: {maxIter: 2}}
        evaluator: {metric: accuracy}
        space:
          dimensions:
            - {name: regParam, param: model.regParam, type: float, low: 0.01, high: 1}
        budget: {maxTrials: 2, parallelism: 1, seed: 1}
        """);
    CliRun run = CliRun.of("tune", file);
    assertEquals(4, run.code(), run.toString());
    List<String> lines = run.errLines();
    assertTrue(lines.get(lines.size() - 1).startsWith("sparktune: every trial failed (2"
        + " asked); the first, trial 0 with "), run.toString());
    assertTrue(lines.get(lines.size() - 2).startsWith("trials 2/2  open 0  pruned 0  failed 2"),
        run.toString());
  }
}
