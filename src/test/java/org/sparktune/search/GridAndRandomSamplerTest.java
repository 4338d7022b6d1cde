package org.sparktune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.space.SearchSpace;

class GridAndRandomSamplerTest {

  private static Map<String, Object> at(Sampler s, SearchSpace space, int number) {
    return s.sample(new SamplingContext(space.dimensions(), List.of(), number,
        Seeds.derive(1, number), 1));
  }

  @Test
  void gridVisitsEveryCombinationOnceWithTheFirstDimensionSlowest() {
    SearchSpace space = new SearchSpace().categorical("a", 1, 2).categorical("b", "x", "y", "z");
    GridSampler grid = new GridSampler();
    assertEquals(6, grid.capacity(space.dimensions()));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Map<String, Object> p = at(grid, space, i);
      seen.add(p.get("a") + "" + p.get("b"));
    }
    assertEquals(List.of("1x", "1y", "1z", "2x", "2y", "2z"), seen);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> at(grid, space, 6));
    assertEquals("GridSampler has 6 combinations and was asked for trial 6; a study stops at"
        + " the grid's size.", e.getMessage());
  }

  @Test
  void gridSpacesLogRangesGeometricallyWithExactEndpoints() {
    SearchSpace space = new SearchSpace().logUniform("lr", 1e-4, 1);
    GridSampler grid = new GridSampler().setGridPoints("lr", 5);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      values.add(at(grid, space, i).get("lr"));
    }
    assertEquals(1e-4, (Double) values.get(0), 0);
    assertEquals(1e-3, (Double) values.get(1), 1e-15);
    assertEquals(1e-2, (Double) values.get(2), 1e-14);
    assertEquals(1.0, (Double) values.get(4), 0);
  }

  @Test
  void gridEnumeratesIntRangesByStep() {
    SearchSpace space = new SearchSpace().add("n", null, new IntRange(10, 50, false, 20));
    GridSampler grid = new GridSampler();
    assertEquals(3, grid.capacity(space.dimensions()));
    assertEquals(30L, at(grid, space, 1).get("n"));
  }

  @Test
  void gridPointsBelowTwoFail() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GridSampler().setGridPoints("x", 1));
    assertEquals("GridSampler grid points for x is 1; a grid needs at least 2 points from low"
        + " to high: give 2 or more, or use fixed(...) for one value.", e.getMessage());
  }

  @Test
  void randomSamplerIsUniformInLogSpace() {
    Dimension lr = new Dimension("lr", new FloatRange(1e-4, 1, true, 0));
    SplittableRandom r = new SplittableRandom(3);
    int below = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      double v = (Double) UnitScale.fromUnit(lr, r.nextDouble());
      below += v < 1e-2 ? 1 : 0;
    }
    assertEquals(0.5, (double) below / n, 0.02);
  }

  @Test
  void unitScaleInvertsOnEveryKindOfDimension() {
    List<Dimension> dims = new SearchSpace()
        .uniform("a", -3, 7).logUniform("b", 1e-3, 10).intRange("c", 0, 9)
        .add("d", null, new IntRange(1, 1000, true, 1)).categorical("e", "p", "q", "r")
        .add("f", null, new FloatRange(0, 1, false, 0.1)).dimensions();
    SplittableRandom r = new SplittableRandom(5);
    for (Dimension d : dims) {
      for (int i = 0; i < 500; i++) {
        Object v = UnitScale.fromUnit(d, r.nextDouble());
        assertEquals(v, UnitScale.fromUnit(d, UnitScale.toUnit(d, v)), d.name());
      }
      assertEquals(true, d.contains(UnitScale.fromUnit(d, 0.0)));
      assertEquals(true, d.contains(UnitScale.fromUnit(d, 1.0)));
    }
  }

  @Test
  void unknownSamplerAndUnknownOptionFailListingTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Samplers.fromConfig("bayes", Map.of()));
    assertEquals("unknown sampler 'bayes'; the samplers are [gp, grid, qmc, random, tpe].", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Samplers.fromConfig("random", Map.of("seed", 3)));
    assertEquals("sampler 'random' has no option 'seed'; its options are [].", e.getMessage());
  }
}
