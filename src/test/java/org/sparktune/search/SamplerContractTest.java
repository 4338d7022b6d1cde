package org.sparktune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.space.SearchSpace;

/** What every sampler promises, on a space with every kind of dimension. */
class SamplerContractTest {

  static final SearchSpace MIXED = new SearchSpace()
      .uniform("x", -5, 5)
      .logUniform("lr", 1e-5, 1)
      .intRange("n", 1, 16)
      .add("depth", null, new IntRange(1, 64, true, 1))
      .add("q", null, new FloatRange(0, 1, false, 0.25))
      .categorical("c", "a", "b", "c");

  static Stream<Sampler> samplers() {
    return Stream.of(new RandomSampler(), new GridSampler().setGridPoints(3)
        .setGridPoints("depth", 4).setGridPoints("n", 4));
  }

  private static List<Observation> history(Sampler sampler, int n) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = sampler.sample(new SamplingContext(MIXED.dimensions(), out, i,
          Seeds.derive(9, i), 9));
      out.add(new Observation(i, p, Observation.Status.COMPLETE, i));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void everySampleGivesEveryDimensionAPlainValueInside(Sampler sampler) {
    for (Observation o : history(sampler, 40)) {
      assertEquals(MIXED.names(), new ArrayList<>(o.params().keySet()));
      for (Dimension d : MIXED.dimensions()) {
        Object v = o.params().get(d.name());
        assertTrue(d.contains(v), d.name() + " = " + v);
      }
      assertTrue(o.params().get("x") instanceof Double);
      assertTrue(o.params().get("n") instanceof Long);
      assertTrue(o.params().get("c") instanceof String);
      assertEquals(0.0, (Double) o.params().get("q") % 0.25, 1e-12);
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void theSameContextGivesTheSameSample(Sampler sampler) {
    List<Observation> h = history(sampler, 12);
    SamplingContext ctx = new SamplingContext(MIXED.dimensions(), h, 12, 77, 9);
    assertEquals(sampler.sample(ctx), sampler.sample(ctx));
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void jsonRebuildsAnEqualSampler(Sampler sampler) {
    assertEquals(sampler, Samplers.fromJson(Samplers.toJson(sampler)));
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void consecutiveTrialsDiffer(Sampler sampler) {
    List<Observation> h = history(sampler, 2);
    assertNotEquals(h.get(0).params(), h.get(1).params());
  }
}
