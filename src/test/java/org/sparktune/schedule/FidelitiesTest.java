package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fidelities' arithmetic, checks and JSON codec; no Spark. */
class FidelitiesTest {

  @Test
  void iterationsRoundHalfUpWithAFloorOfMinValue() {
    Iterations it = new Iterations("maxIter", 81);
    assertEquals(List.of(1, 3, 9, 27, 81), List.of(it.at(1.0 / 81), it.at(1.0 / 27),
        it.at(1.0 / 9), it.at(1.0 / 3), it.at(1.0)));
    Iterations trees = new Iterations("numTrees", 10, 4);
    assertEquals(List.of(4, 4, 5, 10), List.of(trees.at(0.1), trees.at(0.34), trees.at(0.45),
        trees.at(1.0)));
    assertEquals(1.0, trees.dataFraction(0.1), 0);
    assertEquals(0.1, new DataFraction().dataFraction(0.1), 0);
  }

  @Test
  void iterationsNameMayCarryItsStage() {
    Iterations it = new Iterations("rfc_1a2b.numTrees", 50);
    assertEquals("numTrees", it.paramName());
    assertEquals("rfc_1a2b", it.stageUid());
    assertEquals(null, new Iterations("maxIter", 5).stageUid());
  }

  @Test
  void everyFidelityRoundTripsThroughJson() {
    for (Fidelity f : List.of(new DataFraction(), new Iterations("maxIter", 81),
        new Iterations("lr_1.maxIter", 100, 5))) {
      assertEquals(f, Fidelities.fromJson(Fidelities.toJson(f)));
    }
    assertEquals("{\"name\":\"iterations\",\"config\":{\"param\":\"maxIter\",\"maxValue\":81,"
        + "\"minValue\":1}}", Fidelities.toJson(new Iterations("maxIter", 81)));
    assertEquals(new Iterations("numTrees", 200, 1),
        Fidelities.fromConfig("iterations", Map.of("param", "numTrees", "maxValue", 200)));
  }

  @Test
  void maxValueBelowOneFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Iterations("maxIter", 0));
    assertEquals("iterations maxValue of 'maxIter' is 0; it is the value a full-budget rung"
        + " and the refit run with, so it must be at least 1: set it to the maxIter you would"
        + " train with, e.g. 100.", e.getMessage());
  }

  @Test
  void minValueAboveMaxValueFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Iterations("maxIter", 10, 20));
    assertEquals("iterations minValue of 'maxIter' is 20; it must lie in [1, maxValue = 10]:"
        + " lower it, or leave it out for 1.", e.getMessage());
  }

  @Test
  void unknownFidelityAndOptionFailNamingTheKnownOnes() {
    assertEquals("unknown fidelity 'epochs'; the fidelities are [dataFraction, iterations].",
        assertThrows(IllegalArgumentException.class,
            () -> Fidelities.fromConfig("epochs", Map.of())).getMessage());
    assertEquals("fidelity 'iterations' has no option 'max'; its options are [maxValue,"
        + " minValue, param].", assertThrows(IllegalArgumentException.class,
            () -> Fidelities.fromConfig("iterations", Map.of("param", "maxIter", "max", 9)))
        .getMessage());
    assertEquals("fidelity 'iterations' option 'maxValue' is 2.5; it must be a whole number.",
        assertThrows(IllegalArgumentException.class, () -> Fidelities.fromConfig("iterations",
            Map.of("param", "maxIter", "maxValue", 2.5))).getMessage());
  }
}
