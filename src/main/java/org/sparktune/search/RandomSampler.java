package org.sparktune.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparktune.space.Dimension;

/**
 * Independent uniform draws in every dimension (log dimensions uniform in log space): the
 * baseline of Bergstra and Bengio, "Random Search for Hyper-Parameter Optimization" (JMLR 2012).
 *
 * <p>Each trial's values depend only on its seed, which the study derives from its own seed and
 * the trial number: the same study seed gives the same trials, in any order and at any
 * parallelism. Stateless and thread-safe.
 */
public final class RandomSampler implements Sampler {

  @Override
  public Map<String, Object> sample(SamplingContext context) {
    SplittableRandom random = new SplittableRandom(context.seed());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Dimension d : context.dimensions()) {
      // Every dimension draws, active or not, so conditions do not shift the others' values.
      double u = random.nextDouble();
      if (d.isActive(out)) {
        out.put(d.name(), UnitScale.fromUnit(d, u));
      }
    }
    return out;
  }

  @Override
  public boolean usesHistory(int number) {
    return false;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RandomSampler;
  }

  @Override
  public int hashCode() {
    return 1;
  }

  @Override
  public String toString() {
    return "RandomSampler";
  }
}
