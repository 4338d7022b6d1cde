package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.TestData;

/** One search choosing between estimators, each with its own sub-space. */
class ModelChoiceTest {

  private static Dataset<Row> data;
  private static LogisticRegression lr;
  private static RandomForestClassifier rf;
  private static ModelChoice choice;
  private static Pipeline pipeline;
  private static TunedModel model;

  private static SearchSpace space() {
    return new SearchSpace()
        .categorical(choice.choice(), "lr", "rf")
        .when(choice.choice(), "lr", s -> s.categorical(lr.regParam(), 0.001, 0.1))
        .when(choice.choice(), "rf", s -> s.categorical(rf.maxDepth(), 2, 6));
  }

  @BeforeAll
  static void search() {
    data = TestData.adult().limit(2500).cache();
    lr = new LogisticRegression().setMaxIter(20);
    rf = new RandomForestClassifier().setNumTrees(8).setSeed(1);
    choice = new ModelChoice().addCandidate("lr", lr).addCandidate("rf", rf);
    pipeline = TestData.adultPipeline(choice);
    model = new HyperparameterSearch()
        .setEstimator(pipeline)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(space())
        .setSampler(new GridSampler())
        .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
        .setMaxTrials(10).setParallelism(2).setSeed(4)
        .fit(data);
  }

  @Test
  void theConditionalGridTriesEachModelWithOnlyItsOwnParams() {
    List<Trial> trials = model.trialList();
    assertEquals(4, trials.size(), "2 lr regParams + 2 rf depths");
    for (Trial t : trials) {
      assertEquals(TrialState.COMPLETE, t.state(), String.valueOf(t.error()));
      boolean isLr = t.params().get("choice").equals("lr");
      assertEquals(isLr, t.params().containsKey("regParam"), t.params().toString());
      assertEquals(!isLr, t.params().containsKey("maxDepth"), t.params().toString());
    }
    Dataset<Row> table = model.trials();
    assertEquals(2, table.filter("maxDepth IS NULL AND choice = 'lr'").count());
    assertEquals(2, table.filter("regParam IS NULL AND choice = 'rf'").count());
    // The feature stages sit before the ModelChoice, so they are fitted once per fold.
    assertEquals(2, model.prefixFits());
  }

  @Test
  void theBestModelIsTheChosenCandidateFittedWithTheBestParams() {
    Map<String, Object> best = model.bestParams();
    Transformer[] stages = ((PipelineModel) model.bestModel()).stages();
    ModelChoiceModel fitted = (ModelChoiceModel) stages[stages.length - 1];
    assertEquals(best.get("choice"), fitted.chosen());
    if (fitted.chosen().equals("lr")) {
      assertEquals((Double) best.get("regParam"),
          ((LogisticRegressionModel) fitted.model()).getRegParam(), 0);
    } else {
      assertEquals(((Long) best.get("maxDepth")).intValue(),
          ((RandomForestClassificationModel) fitted.model()).getMaxDepth());
    }
    double auc = new BinaryClassificationEvaluator().evaluate(model.transform(data));
    assertTrue(auc > 0.8, "training AUC " + auc);
  }

  @Test
  void aParamMapSetsTheChoiceAndTheChosenCandidatesParams() {
    ParamMap params = new ParamMap().put(choice.choice(), "rf").put(rf.maxDepth(), 3);
    ModelChoiceModel fitted = choice.copy(params).fit(
        new Pipeline().setStages(TestData.adultFeatureStages()).fit(data).transform(data));
    assertEquals("rf", fitted.chosen());
    assertEquals(3, ((RandomForestClassificationModel) fitted.model()).getMaxDepth());
    assertEquals("lr", choice.getChoice(), "copy leaves the original alone");
    assertEquals(5, rf.getMaxDepth());
  }

  @Test
  void choiceAndItsModelSaveAndLoad(@TempDir Path dir) throws IOException {
    String path = dir.resolve("choice").toString();
    choice.copy(new ParamMap().put(choice.choice(), "rf")).save(path);
    ModelChoice loaded = ModelChoice.load(path);
    assertEquals(choice.uid(), loaded.uid());
    assertEquals("rf", loaded.getChoice());
    assertEquals(List.of("lr", "rf"), List.copyOf(loaded.candidates().keySet()));
    assertEquals(8, ((RandomForestClassifier) loaded.candidate("rf")).getNumTrees());

    String pipe = dir.resolve("pipeline").toString();
    pipeline.save(pipe);
    Pipeline loadedPipeline = Pipeline.load(pipe);
    ModelChoice inPipeline = (ModelChoice) loadedPipeline.getStages()[
        loadedPipeline.getStages().length - 1];
    assertEquals(List.of("lr", "rf"), List.copyOf(inPipeline.candidates().keySet()));

    String tuned = dir.resolve("tuned").toString();
    model.save(tuned);
    TunedModel back = TunedModel.load(tuned);
    assertEquals(model.bestParams(), back.bestParams());
    Set<Row> before = model.transform(data).select("prediction").collectAsList().stream()
        .collect(Collectors.toSet());
    Set<Row> after = back.transform(data).select("prediction").collectAsList().stream()
        .collect(Collectors.toSet());
    assertEquals(before, after);
    assertEquals(model.transform(data).select("probability").collectAsList(),
        back.transform(data).select("probability").collectAsList());
  }

  @Test
  void aSpaceValueNamingNoCandidateFailsBeforeTraining() {
    SearchSpace space = new SearchSpace().categorical(choice.choice(), "lr", "gbt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch().setEstimator(pipeline)
            .setEvaluator(new BinaryClassificationEvaluator()).setSearchSpace(space)
            .fit(data));
    assertEquals("search space param 'choice' cannot take value gbt (the param says: name of"
        + " the candidate estimator to fit, one of the names given to addCandidate); narrow the"
        + " range to values the param accepts.", e.getMessage());
  }

  @Test
  void badCandidatesFailNamingTheFix() {
    assertEquals("ModelChoice already has a candidate named 'lr'; give each candidate its own"
        + " name.", assertThrows(IllegalArgumentException.class,
            () -> new ModelChoice().addCandidate("lr", lr).addCandidate("lr", rf)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> new ModelChoice().addCandidate("a", lr).addCandidate("b", lr)).getMessage()
        .contains("is the same stage (uid " + lr.uid() + ") as candidate 'a'"));
    ModelChoice c = new ModelChoice("mc").addCandidate("lr", lr);
    assertEquals("ModelChoice mc has no candidate named 'svm'; its candidates are [lr]: choose"
        + " one of them.", assertThrows(IllegalArgumentException.class,
            () -> c.setChoice("svm")).getMessage());
    assertEquals("ModelChoice empty has no candidates; add them with addCandidate(name,"
        + " estimator) before fitting.", assertThrows(IllegalArgumentException.class,
            () -> new ModelChoice("empty").fit(data)).getMessage());
    assertFalse(c.isSet(c.choice()));
  }
}
