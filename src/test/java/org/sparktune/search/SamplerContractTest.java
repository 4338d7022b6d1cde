package org.sparktune.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.space.SearchSpace;

/**
 * What every sampler promises, on a space with every kind of dimension: grid, random, QMC, TPE
 * (independent and multivariate) and GP. The model-based samplers start modelling after a few
 * trials, so the checks reach their models and not only their start-up designs; the GP is kept
 * small (8 trials, 16 candidates, one restart) so that the class stays quick.
 */
class SamplerContractTest {

  static final SearchSpace MIXED = new SearchSpace()
      .uniform("x", -5, 5)
      .logUniform("lr", 1e-5, 1)
      .intRange("n", 1, 16)
      .add("depth", null, new IntRange(1, 64, true, 1))
      .add("q", null, new FloatRange(0, 1, false, 0.25))
      .categorical("c", "a", "b", "c");

  /** Each sampler's history, built once per class: asking is what costs. */
  private static final Map<Sampler, List<Observation>> HISTORIES = new ConcurrentHashMap<>();

  static Stream<Named<Sampler>> samplers() {
    return Stream.of(
        Named.of("grid", new GridSampler().setGridPoints(3).setGridPoints("depth", 4)
            .setGridPoints("n", 4)),
        Named.of("random", new RandomSampler()),
        Named.of("qmc", new QmcSampler()),
        Named.of("tpe", new TpeSampler().setStartupTrials(5)),
        Named.of("tpe multivariate", new TpeSampler().setStartupTrials(5).setMultivariate(true)),
        Named.of("gp", new GpSampler().setStartupTrials(4).setCandidates(16).setRestarts(1)));
  }

  private static SamplingContext context(List<Observation> history, int number) {
    return new SamplingContext(MIXED.dimensions(), history, number, Seeds.derive(9, number), 9);
  }

  /**
   * Trials asked and told one after the other (8 for the GP, 24 for the others), with a loss
   * that is not monotone in the trial number.
   */
  private static List<Observation> history(Sampler sampler) {
    return HISTORIES.computeIfAbsent(sampler, s -> {
      int n = s instanceof GpSampler ? 8 : 24;
      List<Observation> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> p = s.sample(context(out, i));
        double x = (Double) p.get("x");
        out.add(new Observation(i, p, Observation.Status.COMPLETE, (x - 1) * (x - 1)));
      }
      return List.copyOf(out);
    });
  }

  private static void assertPlainValuesInside(Map<String, Object> params) {
    assertEquals(MIXED.names(), new ArrayList<>(params.keySet()));
    for (Dimension d : MIXED.dimensions()) {
      Object v = params.get(d.name());
      assertTrue(d.contains(v), d.name() + " = " + v);
    }
    assertTrue(params.get("x") instanceof Double);
    assertTrue(params.get("n") instanceof Long);
    assertTrue(params.get("c") instanceof String);
    assertEquals(0.0, (Double) params.get("q") % 0.25, 1e-12);
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void everySamplerAcceptsAMixedSpace(Sampler sampler) {
    sampler.validate(MIXED.dimensions());
    assertTrue(sampler.capacity(MIXED.dimensions()) >= history(sampler).size());
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void everySampleGivesEveryDimensionAPlainValueInside(Sampler sampler) {
    for (Observation o : history(sampler)) {
      assertPlainValuesInside(o.params());
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void trialsStillRunningLeaveEverySampleInside(Sampler sampler) {
    List<Observation> h = new ArrayList<>(history(sampler));
    for (int i = h.size(), end = h.size() + 2; i < end; i++) {
      Map<String, Object> p = sampler.sample(context(h, i));
      assertPlainValuesInside(p);
      h.add(new Observation(i, p, Observation.Status.RUNNING, Double.NaN));
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void failedAndPrunedTrialsLeaveEverySampleInside(Sampler sampler) {
    List<Observation> h = new ArrayList<>(history(sampler));
    h.set(1, new Observation(1, h.get(1).params(), Observation.Status.FAILED, Double.NaN));
    h.set(2, new Observation(2, h.get(2).params(), Observation.Status.PRUNED, Double.NaN));
    assertPlainValuesInside(sampler.sample(context(h, h.size())));
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void theSameContextGivesTheSameSample(Sampler sampler) {
    List<Observation> h = history(sampler);
    SamplingContext ctx = new SamplingContext(MIXED.dimensions(), h, h.size(), 77, 9);
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
    List<Observation> h = history(sampler);
    for (int i = 1; i < h.size(); i++) {
      assertNotEquals(h.get(i - 1).params(), h.get(i).params(), "trials " + (i - 1) + ", " + i);
    }
  }
}
