package org.sparktune.search.gp;

import org.apache.commons.math3.special.Erf;

/**
 * The logarithm of expected improvement below {@code best} of a normal belief, computed so it
 * stays finite and ordered far into the tail where EI itself underflows to 0 (Ament et al.,
 * "Unexpected Improvements to Expected Improvement for Bayesian Optimization", NeurIPS 2023).
 */
public final class LogExpectedImprovement {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private LogExpectedImprovement() {}

  /** log EI at a point whose prediction is {@code mu} ± {@code sigma}, for minimisation. */
  public static double of(double mu, double sigma, double best) {
    double z = (best - mu) / sigma;
    return Math.log(sigma) + logH(z);
  }

  /** log(z Φ(z) + φ(z)). */
  static double logH(double z) {
    if (z > -5) {
      double cdf = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
      double pdf = Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
      return Math.log(Math.max(z * cdf + pdf, 1e-300));
    }
    // h(z) = φ(z) (1 - |z| R(|z|)), with the Mills ratio R(t) ~ 1/t - 1/t^3 + 3/t^5 for large t.
    double t = -z;
    double t2 = t * t;
    double tail = 1.0 / t2 - 3.0 / (t2 * t2) + 15.0 / (t2 * t2 * t2);
    return -0.5 * z * z - LOG_SQRT_2PI + Math.log(tail);
  }
}
