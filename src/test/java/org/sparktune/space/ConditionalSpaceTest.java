package org.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Dimensions that apply only when a categorical takes given values. */
class ConditionalSpaceTest {

  private static String message(Executable e) {
    return assertThrows(IllegalArgumentException.class, e).getMessage();
  }

  /** penalty ∈ {none, l2, elasticNet}; reg under l2 or elasticNet; mix under elasticNet. */
  static SearchSpace penaltySpace() {
    return new SearchSpace()
        .uniform("tol", 0, 1)
        .categorical("penalty", "none", "l2", "elasticNet")
        .whenAny("penalty", List.of("l2", "elasticNet"), s -> s
            .logUniform("reg", 1e-4, 1)
            .when("penalty", "elasticNet", t -> t.uniform("mix", 0, 1)));
  }

  @Test
  void whenMarksEveryDimensionOfItsBlockAndNestedBlocksTheirOwn() {
    SearchSpace space = penaltySpace();
    assertEquals(null, space.dimension("tol").condition());
    assertEquals(new Condition("penalty", List.of("l2", "elasticNet")),
        space.dimension("reg").condition());
    assertEquals(new Condition("penalty", List.of("elasticNet")),
        space.dimension("mix").condition());
    assertTrue(space.hasConditions());
    // A dimension added after the block applies always.
    space.uniform("after", 0, 1);
    assertEquals(null, space.dimension("after").condition());
  }

  @Test
  void aChildDeclaredBeforeItsParentIsListedAfterIt() {
    SearchSpace space = new SearchSpace()
        .add("mix", null, new FloatRange(0, 1, false, 0),
            new Condition("useMix", List.of(true)))
        .uniform("x", 0, 1)
        .categorical("useMix", true, false);
    assertEquals(List.of("useMix", "mix", "x"),
        space.dimensions().stream().map(Dimension::name).toList());
  }

  @Test
  void checkPointWantsExactlyTheDimensionsThatApply() {
    SearchSpace space = penaltySpace();
    assertEquals(Map.of("tol", 0.5, "penalty", "none"),
        space.checkPoint(Map.of("tol", 0.5, "penalty", "none")));
    assertEquals(Map.of("tol", 0.5, "penalty", "l2", "reg", 0.01),
        space.checkPoint(Map.of("tol", 0.5, "penalty", "l2", "reg", 0.01)));
    assertEquals("point gives dimension 'mix' a value, but 'mix' applies only when penalty =="
        + " elasticNet, which this point does not meet; leave 'mix' out of the point.",
        message(() -> space.checkPoint(Map.of("tol", 0.5, "penalty", "l2", "reg", 0.01,
            "mix", 0.3))));
    assertEquals("point has no value for dimension 'reg'; give a value for every dimension.",
        message(() -> space.checkPoint(Map.of("tol", 0.5, "penalty", "l2"))));
  }

  @Test
  void aParentThatIsNotInTheSpaceFailsNamingTheFix() {
    SearchSpace space = new SearchSpace().uniform("x", 0, 1)
        .when("useMix", true, s -> s.uniform("mix", 0, 1));
    assertEquals("dimension 'mix' applies only when 'useMix' takes given values, but 'useMix' is"
        + " not a dimension of the space; the dimensions are [x, mix]. Add 'useMix' as a"
        + " categorical dimension (e.g. categorical(\"useMix\", true, false)) or fix the name in"
        + " when(...).", message(space::dimensions));
  }

  @Test
  void aFixedParentFailsSayingItIsNotSearched() {
    LogisticRegression lr = new LogisticRegression();
    SearchSpace space = new SearchSpace().fixed(lr.fitIntercept(), true)
        .when(lr.fitIntercept(), true, s -> s.uniform("mix", 0, 1));
    assertTrue(message(space::dimensions).contains(
        "but 'fitIntercept' is a fixed value, not a searched dimension"));
  }

  @Test
  void aNonCategoricalParentFailsNamingTheFix() {
    LogisticRegression lr = new LogisticRegression();
    SearchSpace space = new SearchSpace().logUniform(lr.regParam(), 1e-4, 1)
        .when(lr.regParam(), 0.5, s -> s.uniform(lr.elasticNetParam(), 0, 1));
    assertEquals("dimension 'elasticNetParam' applies only when 'regParam' takes given values,"
        + " but 'regParam' is FloatRange[low=1.0E-4, high=1.0, log=true, step=0.0], not a"
        + " categorical; a condition needs a categorical parent: make 'regParam'"
        + " categorical(...) or add a categorical flag and put 'elasticNetParam' under it.",
        message(space::dimensions));
  }

  @Test
  void aConditionValueTheParentCannotTakeFails() {
    SearchSpace space = new SearchSpace().categorical("useMix", true, false)
        .when("useMix", "yes", s -> s.uniform("mix", 0, 1));
    assertEquals("dimension 'mix' applies when 'useMix' is yes (string), which 'useMix' cannot"
        + " take; its values are [true, false]: use one of them.", message(space::dimensions));
  }

  @Test
  void aCycleOfConditionsFailsNamingIt() {
    SearchSpace space = new SearchSpace()
        .add("a", null, Values.categorical("a", "x", "y"), new Condition("b", List.of("u")))
        .add("b", null, Values.categorical("b", "u", "v"), new Condition("c", List.of(1L)))
        .add("c", null, Values.categorical("c", 1, 2), new Condition("a", List.of("x")));
    assertEquals("search space conditions form a cycle: a -> b -> c -> a (each applies only when"
        + " the next takes given values); a dimension cannot depend on itself: remove one of"
        + " these conditions.", message(space::dimensions));
    SearchSpace self = new SearchSpace()
        .add("a", null, Values.categorical("a", "x", "y"), new Condition("a", List.of("x")));
    assertTrue(message(self::dimensions).contains("cycle: a -> a"));
  }

  @Test
  void jsonKeepsConditionsAndChecksThemOnRead() {
    SearchSpace space = penaltySpace();
    SearchSpace back = SearchSpace.fromJson(space.toJson());
    assertEquals(space, back);
    assertEquals(space.dimensions(), back.dimensions());
    String broken = space.toJson().replace("\"parent\":\"penalty\"", "\"parent\":\"pen\"");
    assertTrue(message(() -> SearchSpace.fromJson(broken))
        .startsWith("dimension 'reg' applies only when 'pen' takes given values"));
  }

  @Test
  void aParamMapLeavesOutTheParamsThatDoNotApply() {
    LogisticRegression lr = new LogisticRegression();
    SearchSpace space = new SearchSpace()
        .categorical("useElasticNet", true, false)
        .logUniform(lr.regParam(), 1e-4, 1)
        .when("useElasticNet", true, s -> s.uniform(lr.elasticNetParam(), 0, 1))
        .bind(lr);
    ParamMap off = space.toParamMap(space.checkPoint(Map.of("useElasticNet", false,
        "regParam", 0.1)));
    assertFalse(off.contains(lr.elasticNetParam()));
    assertEquals(0.1, (double) off.apply(lr.regParam()), 0);
    ParamMap on = space.toParamMap(space.checkPoint(Map.of("useElasticNet", true,
        "regParam", 0.1, "elasticNetParam", 0.7)));
    assertEquals(0.7, (double) on.apply(lr.elasticNetParam()), 0);
  }
}
