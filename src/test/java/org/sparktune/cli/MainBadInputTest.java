package org.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.testing.SparkTestSession;

/**
 * Bad input to the job: each mistake exits with its code before any training and prints one
 * line on stderr that names the thing and the fix.
 */
class MainBadInputTest {

  private static final String STUDY = """
      study: bad-input
      input:
        csv: test-data/mllib/sample_multiclass_classification_data.txt
        options: {sep: " "}
      label: _c0
      features: {numeric: [_c0]}
      estimator: {class: LogisticRegression, params: {maxIter: 5}}
      evaluator: {metric: accuracy}
      space:
        dimensions:
          - {name: regParam, param: model.regParam, type: float, low: 0.001, high: 1, log: true}
      budget: {maxTrials: 2, parallelism: 1, seed: 1}
      """;

  @TempDir
  static Path dir;

  @BeforeAll
  static void session() {
    SparkTestSession.get();
  }

  private static Path config(String text) throws IOException {
    Path file = Files.createTempFile(dir, "study", ".yaml");
    Files.writeString(file, text);
    return file;
  }

  private static void assertOneLine(CliRun run, int code, String message) {
    assertEquals(code, run.code(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertEquals("sparktune: " + message, run.errLines().get(0), run.toString());
  }

  @Test
  void anUnknownKeyFailsNamingTheNearestKnownOne() throws IOException {
    Path file = config(STUDY.replace("budget:", "budgte:"));
    assertOneLine(CliRun.of("validate", file), 2, "config " + file + ": unknown key 'budgte'."
        + " Did you mean 'budget'? The keys of the config are [budget, estimator, evaluator,"
        + " features, fidelity, input, label, outputs, raceFolds, sampler, scheduler, space,"
        + " splitter, study, studyLog].");
  }

  @Test
  void anUnknownNestedKeyFailsWithItsPath() throws IOException {
    Path file = config(STUDY.replace("maxTrials: 2", "maxTrails: 2"));
    CliRun run = CliRun.of("validate", file);
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains("unknown key 'budget.maxTrails'. Did you mean"
        + " 'maxTrials'?"), run.toString());
  }

  @Test
  void aWrongTypeFailsInsteadOfFallingBackToADefault() throws IOException {
    Path file = config(STUDY.replace("maxTrials: 2", "maxTrials: abc"));
    assertOneLine(CliRun.of("tune", file), 2, "config " + file + ": key 'budget.maxTrials'"
        + " must be a whole number but is \"abc\".");
  }

  @Test
  void aSetOverrideIsCheckedAsTheFileIs() throws IOException {
    Path file = config(STUDY);
    assertOneLine(CliRun.of("tune", file, "budget.maxTrials=2.5"), 2, "config " + file
        + ": key 'budget.maxTrials' must be a whole number but is 2.5.");
    assertOneLine(CliRun.of("tune", file, "budget.maxTrials"), 2, "--set budget.maxTrials is"
        + " not key.path=value; e.g. --set budget.maxTrials=20.");
  }

  @Test
  void aMissingConfigFileFails() {
    assertOneLine(CliRun.of("tune", "--config", "no/such/study.yaml"), 2, "config file"
        + " no/such/study.yaml does not exist; give the path of a study config (YAML or JSON),"
        + " e.g. --config test-data/adult-study.yaml.");
  }

  @Test
  void aMissingDataPathIsBadDataWithoutAStackTrace() throws IOException {
    Path file = config(STUDY.replace("test-data/mllib/sample", "test-data/mllib/no-such"));
    assertOneLine(CliRun.of("tune", file), 3, "input.csv"
        + " test-data/mllib/no-such_multiclass_classification_data.txt does not exist; check"
        + " the path (relative paths start from " + System.getProperty("user.dir") + ").");
  }

  @Test
  void aMissingColumnIsBadData() throws IOException {
    Path file = config(STUDY.replace("label: _c0", "label: _c00"));
    CliRun run = CliRun.of("validate", file);
    assertOneLine(run, 3, "label column '_c00' is not in the data. Did you mean '_c0'? Its"
        + " columns are [_c0, _c1, _c2, _c3, _c4, _c5].");
  }

  @Test
  void aClassThatIsNotAnEstimatorFails() throws IOException {
    Path file = config(STUDY.replace("class: LogisticRegression",
        "class: org.apache.spark.ml.feature.VectorAssembler"));
    CliRun run = CliRun.of("validate", file);
    assertEquals(2, run.code(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertTrue(run.err().startsWith("sparktune: 'estimator.class' names"
        + " org.apache.spark.ml.feature.VectorAssembler, which is a Transformer, not an"
        + " Estimator; give one of ["), run.err());
    assertTrue(run.err().contains(", LogisticRegression, "), run.err());
  }

  @Test
  void anUnknownEstimatorAliasSuggestsTheNearest() throws IOException {
    Path file = config(STUDY.replace("class: LogisticRegression",
        "class: LogisticRegresion"));
    CliRun run = CliRun.of("validate", file);
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().startsWith("sparktune: 'estimator.class' names 'LogisticRegresion',"
        + " which is not an Estimator this classpath knows. Did you mean"
        + " 'LogisticRegression'?"), run.err());
  }

  @Test
  void aParamTheEstimatorDoesNotHaveFailsListingItsParams() throws IOException {
    Path file = config(STUDY.replace("maxIter: 5", "maxIterations: 5"));
    CliRun run = CliRun.of("validate", file);
    assertEquals(2, run.code(), run.toString());
    assertEquals(1, run.errLines().size(), run.toString());
    assertTrue(run.err().startsWith("sparktune: 'estimator.params.maxIterations':"
        + " LogisticRegression has no param 'maxIterations'. Did you mean 'maxIter'? Its"
        + " params are [aggregationDepth, elasticNetParam, family,"), run.err());
  }

  @Test
  void aParamValueOfTheWrongTypeFails() throws IOException {
    Path file = config(STUDY.replace("maxIter: 5", "maxIter: many"));
    CliRun run = CliRun.of("validate", file);
    assertOneLine(run, 2, "'estimator.params.maxIter' is \"many\"; LogisticRegression.maxIter"
        + " takes a whole number: maximum number of iterations (>= 0).");
  }

  @Test
  void anUnknownMetricSuggestsTheNearest() throws IOException {
    Path file = config(STUDY.replace("metric: accuracy", "metric: acuracy"));
    CliRun run = CliRun.of("validate", file);
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().startsWith("sparktune: 'evaluator.metric' is 'acuracy', which no"
        + " evaluator knows. Did you mean 'accuracy'?"), run.err());
  }

  @Test
  void anUnknownSpaceKeyFails() throws IOException {
    Path file = config(STUDY.replace("log: true}", "logg: true}"));
    CliRun run = CliRun.of("validate", file);
    assertOneLine(run, 2, "'space': search space JSON is not valid: a dimension has unknown"
        + " key 'logg' (did you mean 'log'?); its keys are [name, param, type, low, high, log,"
        + " step, values, when]; write it as SearchSpace.toJson() does.");
  }

  @Test
  void anOutputFolderOfAnotherStudyIsRefused() throws IOException {
    Path out = dir.resolve("taken");
    Files.createDirectories(out);
    Files.writeString(out.resolve(OutputFolder.OWNER), "churn\n");
    Path file = config(STUDY + "outputs: {dir: " + out + "}\n");
    assertOneLine(CliRun.of("tune", file), 2, "outputs.dir " + out + " belongs to study"
        + " 'churn', not 'bad-input'; give this study its own outputs.dir, or set study: churn"
        + " to run that study again.");
  }

  @Test
  void noSubcommandPrintsUsageAndExitsTwo() {
    CliRun run = CliRun.of();
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains("Usage: sparktune"), run.err());
  }

  @Test
  void suggestionsComeFromTheEditDistance() {
    assertEquals(2, Suggestions.distance("maxTrails", "maxTrials"));
    assertEquals("maxTrials", Suggestions.nearest("maxtrial", java.util.List.of("seed",
        "maxTrials")).orElseThrow());
    assertTrue(Suggestions.nearest("zzzzzz", java.util.List.of("seed")).isEmpty());
  }
}
