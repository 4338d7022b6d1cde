package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Iterations;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Holdout;
import org.sparktune.testing.TestData;

/**
 * The fidelity and fold racing params of a search: bad input fails before training with one
 * message that names the fix; the params save, load and copy with the search.
 */
@Timeout(120)
class FidelityParamsTest {

  private static Dataset<Row> data;

  @BeforeAll
  static void data() {
    data = TestData.adultNumeric(100);
  }

  private static HyperparameterSearch search(LogisticRegression lr) {
    return new HyperparameterSearch().setEstimator(lr)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-3, 1.0));
  }

  private static String failure(HyperparameterSearch search) {
    return assertThrows(IllegalArgumentException.class, () -> search.fit(data)).getMessage();
  }

  @Test
  void iterationsOnAParamNoStageHasFailsNamingTheStages() {
    assertEquals("iterations param 'maxIterations' is not a param of any stage of the estimator"
        + " (stages [lr]); name an integer param of one of them, e.g. 'maxIter' of"
        + " LogisticRegression or 'numTrees' of RandomForestClassifier.",
        failure(search(new LogisticRegression("lr"))
            .setFidelity(new Iterations("maxIterations", 10))));
  }

  @Test
  void iterationsOnAParamThatIsNotAnIntParamFails() {
    assertEquals("iterations param 'tol' of stage lr is a DoubleParam, not an IntParam; the"
        + " iterations fidelity scales an integer count per rung: name an IntParam such as"
        + " maxIter or numTrees.",
        failure(search(new LogisticRegression("lr")).setFidelity(new Iterations("tol", 10))));
  }

  @Test
  void iterationsOnAParamTheSpaceAlsoTunesFails() {
    LogisticRegression lr = new LogisticRegression("lr");
    HyperparameterSearch s = search(lr)
        .setSearchSpace(new SearchSpace().intRange(lr.maxIter(), 5, 50))
        .setFidelity(new Iterations("maxIter", 50));
    assertEquals("iterations param 'maxIter' is also in the search space (as 'maxIter'); a"
        + " param cannot be both the fidelity and searched or fixed: remove it from the search"
        + " space, or use the dataFraction fidelity.", failure(s));
  }

  @Test
  void iterationsOnAParamOfSeveralStagesFailsUntilTheStageIsNamed() {
    LogisticRegression lr = new LogisticRegression("lr");
    Pipeline pipeline = new Pipeline("pipe").setStages(new PipelineStage[] {
        new KMeans("km").setK(2).setPredictionCol("cluster"), lr});
    HyperparameterSearch s = search(lr).setEstimator(pipeline)
        .setFidelity(new Iterations("maxIter", 20));
    assertEquals("iterations param 'maxIter' is a param of several stages [km, lr]; name the"
        + " one to scale as '<stage uid>.maxIter', e.g. 'km.maxIter'.", failure(s));
    s.setFidelity(new Iterations("lr.maxIter", 20));
    assertTrue(s.transformSchema(data.schema()).getFieldIndex("prediction").isDefined());
  }

  @Test
  void racingWithASingleFoldFails() {
    assertEquals("raceFolds needs at least 2 folds but splitter Holdout cuts 1; racing"
        + " evaluates one fold first and stops a trial that cannot reach the top on the"
        + " others: use a splitter with 2 or more folds (e.g. new KFold().setNumFolds(3)), or"
        + " setRaceFolds(false).", failure(search(new LogisticRegression("lr"))
            .setSplitter(new Holdout()).setRaceFolds(true)));
  }

  @Test
  void aNullFidelityFails() {
    assertEquals("fidelity cannot be set to null; set it to a value, or clear(fidelity()) to"
        + " use the default.", assertThrows(IllegalArgumentException.class,
            () -> new HyperparameterSearch().setFidelity(null)).getMessage());
  }

  @Test
  void fidelityAndRacingSaveLoadAndCopyWithTheSearch(@TempDir Path dir) throws IOException {
    HyperparameterSearch defaults = new HyperparameterSearch();
    assertEquals(new DataFraction(), defaults.getFidelity());
    assertEquals(false, defaults.getRaceFolds());
    HyperparameterSearch s = search(new LogisticRegression("lr"))
        .setFidelity(new Iterations("maxIter", 81, 3)).setRaceFolds(true);
    String path = dir.resolve("search").toString();
    s.save(path);
    HyperparameterSearch loaded = HyperparameterSearch.load(path);
    assertEquals(new Iterations("maxIter", 81, 3), loaded.getFidelity());
    assertEquals(true, loaded.getRaceFolds());
    HyperparameterSearch copy = s.copy(ParamMap.empty());
    assertEquals(s.getFidelity(), copy.getFidelity());
    assertEquals(true, copy.getRaceFolds());
  }
}
