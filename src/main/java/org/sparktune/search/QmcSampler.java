package org.sparktune.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.random.SobolSequenceGenerator;
import org.sparktune.space.Dimension;

/**
 * Scrambled Sobol points: trial {@code k} gets point {@code k} of a Sobol sequence (Joe and
 * Kuo's direction numbers) over the unit cube of the space, XOR-shifted by a random digital
 * shift drawn from the study seed, then decoded dimension by dimension (log dimensions in log
 * space, integers and categories as equal bins). Covers the space far more evenly than
 * independent draws: the strong non-adaptive baseline, and the start-up design of the
 * model-based samplers.
 *
 * <p>Reference: Sobol' (1967); Joe and Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections" (SIAM J. Sci. Comput. 2008); random digital shift as in Owen,
 * "Randomly permuted (t,m,s)-nets and (t,s)-sequences" (1995). Stateless and thread-safe.
 */
public final class QmcSampler implements Sampler {

  /** Sobol points as commons-math3 produces them carry 52 bits. */
  private static final double SCALE = 0x1p52;
  private static final long MASK = (1L << 52) - 1;
  private static final int MAX_DIMENSIONS = 1000;

  @Override
  public void validate(List<Dimension> dimensions) {
    if (dimensions.size() > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("QmcSampler supports at most " + MAX_DIMENSIONS
          + " dimensions but the space has " + dimensions.size() + "; use RandomSampler.");
    }
  }

  @Override
  public Map<String, Object> sample(SamplingContext context) {
    double[] u = point(context.dimensions().size(), context.number(), context.studySeed());
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < u.length; i++) {
      Dimension d = context.dimensions().get(i);
      if (d.isActive(out)) {
        out.put(d.name(), UnitScale.fromUnit(d, u[i]));
      }
    }
    return out;
  }

  /** Point {@code index} of the {@code d}-dimensional sequence scrambled by {@code seed}. */
  public static double[] point(int d, int index, long seed) {
    // skipTo returns point {@code index} itself (point 0 is the origin).
    double[] x = new SobolSequenceGenerator(d).skipTo(index);
    SplittableRandom shifts = new SplittableRandom(Seeds.mix64(seed ^ 0x51D0B0L));
    for (int i = 0; i < d; i++) {
      long bits = (long) (x[i] * SCALE) ^ (shifts.nextLong() & MASK);
      x[i] = (bits + 0.5) / SCALE;
    }
    return x;
  }

  @Override
  public boolean usesHistory(int number) {
    return false;
  }

  @Override
  public String name() {
    return "qmc";
  }

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QmcSampler;
  }

  @Override
  public int hashCode() {
    return 2;
  }

  @Override
  public String toString() {
    return "QmcSampler";
  }
}
