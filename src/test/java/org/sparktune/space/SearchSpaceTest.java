package org.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SearchSpaceTest {

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  @Test
  void lowAboveHighFailsNamingTheDimensionAndTheFix() {
    assertEquals("dimension 'x' has low 2.0 above high 1.0; the low bound must be below the high"
        + " bound: swap them.", message(() -> new SearchSpace().uniform("x", 2, 1)));
  }

  @Test
  void logRangeTouchingZeroFails() {
    assertEquals("dimension 'regParam' is log-scaled but its low bound 0.0 is not above 0; a"
        + " log range must lie above 0: raise the low bound (e.g. 1e-6) or use a linear range.",
        message(() -> new SearchSpace().logUniform(new LogisticRegression().regParam(), 0, 1)));
  }

  @Test
  void logIntRangeBelowOneFails() {
    assertEquals("dimension 'maxDepth' is log-scaled but its low bound 0 is below 1; a log int"
        + " range must start at 1 or more: raise the low bound or use a linear range.",
        message(() -> new SearchSpace().logIntRange(new RandomForestClassifier().maxDepth(), 0,
            8)));
  }

  @Test
  void emptyCategoricalFails() {
    assertEquals("categorical dimension 'impurity' has no values; give at least one value.",
        message(() -> new SearchSpace().categorical(new RandomForestClassifier().impurity())));
  }

  @Test
  void categoricalMixingKindsFails() {
    assertEquals("categorical dimension 'c' mixes values of kind string with long (1); give"
        + " values of one kind.", message(() -> new SearchSpace().categorical("c", "a", 1)));
  }

  @Test
  void categoricalRepeatingAValueFails() {
    assertEquals("categorical dimension 'c' repeats a value in [a, a]; list each value once.",
        message(() -> new SearchSpace().categorical("c", "a", "a")));
  }

  @Test
  void secondDimensionOfTheSameNameFails() {
    assertEquals("search space already has a dimension named 'x'; give the second one its own"
        + " name, e.g. uniform(\"stage2.x\", param, low, high).",
        message(() -> new SearchSpace().uniform("x", 0, 1).intRange("x", 0, 3)));
  }

  @Test
  void valueTheParamRejectsFailsAtBind() {
    LogisticRegression lr = new LogisticRegression("lr");
    SearchSpace space = new SearchSpace().uniform(lr.elasticNetParam(), 0, 2);
    assertEquals("search space param 'elasticNetParam' cannot take value 2.0 (the param says:"
        + " the ElasticNet mixing parameter, in range [0, 1]. For alpha = 0, the penalty is an"
        + " L2 penalty. For alpha = 1, it is an L1 penalty); narrow the range to values the"
        + " param accepts.", message(() -> space.bind(lr)));
  }

  @Test
  void floatRangeOnAnIntParamFailsAtBind() {
    RandomForestClassifier rf = new RandomForestClassifier();
    SearchSpace space = new SearchSpace().uniform(rf.maxDepth(), 2, 10);
    assertEquals("search space param 'maxDepth' is an int param but value 2.0 is a double; give"
        + " int values.", message(() -> space.bind(rf)));
  }

  @Test
  void pointErrorsNameTheDimension() {
    SearchSpace space = new SearchSpace().uniform("x", 0, 1).categorical("c", "a", "b");
    assertEquals("point names 'y', which is not a dimension of the search space; the"
        + " dimensions are [x, c].", message(() -> space.checkPoint(Map.of("y", 1, "x", 0.5,
            "c", "a"))));
    assertEquals("point has no value for dimension 'c'; give a value for every dimension.",
        message(() -> space.checkPoint(Map.of("x", 0.5))));
    assertEquals("value 1.5 (double) is outside dimension 'x' = FloatRange[low=0.0, high=1.0,"
        + " log=false, step=0.0]; give a value the dimension allows.",
        message(() -> space.checkPoint(Map.of("x", 1.5, "c", "a"))));
  }

  @Test
  void paramMapOfAPipelineCarriesTypedValuesToTheStages() {
    LogisticRegression lr = new LogisticRegression();
    RandomForestClassifier rf = new RandomForestClassifier();
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {lr, rf});
    SearchSpace space = new SearchSpace()
        .logUniform(lr.regParam(), 1e-4, 1)
        .intRange(rf.maxDepth(), 2, 12)
        .categorical(rf.impurity(), "gini", "entropy")
        .fixed(lr.maxIter(), 7)
        .bind(pipeline);
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("regParam", 0.01);
    point.put("maxDepth", 5L);
    point.put("impurity", "entropy");
    ParamMap map = space.toParamMap(space.checkPoint(point));
    Pipeline copy = pipeline.copy(map);
    LogisticRegression lr2 = (LogisticRegression) copy.getStages()[0];
    RandomForestClassifier rf2 = (RandomForestClassifier) copy.getStages()[1];
    assertEquals(0.01, lr2.getRegParam());
    assertEquals(7, lr2.getMaxIter());
    assertEquals(5, rf2.getMaxDepth());
    assertEquals("entropy", rf2.getImpurity());
  }

  @Test
  void jsonRoundTripKeepsEveryDimensionAndBindsAgain() {
    LogisticRegression lr = new LogisticRegression();
    RandomForestClassifier rf = new RandomForestClassifier();
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {lr, rf});
    SearchSpace space = new SearchSpace()
        .logUniform(lr.regParam(), 1e-4, 1)
        .uniform(lr.elasticNetParam(), 0, 1)
        .intRange(rf.numTrees(), 10, 100, 10)
        .logIntRange(rf.maxDepth(), 1, 16)
        .categorical(lr.tol(), 1e-6, 1.0)
        .categorical(lr.fitIntercept(), true, false)
        .categorical("plain", 1, 2)
        .fixed(rf.impurity(), "gini");
    SearchSpace back = SearchSpace.fromJson(space.toJson());
    assertEquals(space, back);
    assertEquals(1.0, ((Categorical) back.dimension("tol").distribution()).choices().get(1));
    assertEquals(2L, ((Categorical) back.dimension("plain").distribution()).choices().get(1));
    SearchSpace bound = back.bind(pipeline);
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("regParam", 0.1);
    point.put("elasticNetParam", 0.5);
    point.put("numTrees", 20L);
    point.put("maxDepth", 4L);
    point.put("tol", 1.0);
    point.put("fitIntercept", false);
    point.put("plain", 1L);
    Pipeline copy = pipeline.copy(bound.toParamMap(bound.checkPoint(point)));
    assertEquals(20, ((RandomForestClassifier) copy.getStages()[1]).getNumTrees());
    assertEquals("gini", ((RandomForestClassifier) copy.getStages()[1]).getImpurity());
  }
}
