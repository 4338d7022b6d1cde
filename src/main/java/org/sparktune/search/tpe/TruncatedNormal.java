package org.sparktune.search.tpe;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/** The normal distribution truncated to [0, 1]: log density and inverse-CDF sampling. */
final class TruncatedNormal {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double SQRT2 = Math.sqrt(2);

  private TruncatedNormal() {}

  /**
   * The standard normal CDF, to within 1.5e-7 absolutely: Abramowitz and Stegun's rational
   * approximation 7.1.26 of erf. Kernel masses and sampling bounds need no more, and it is
   * about thirty times cheaper than a series to full precision, which matters because every
   * proposal evaluates it for every kernel.
   */
  static double cdf(double z) {
    double x = Math.abs(z) / SQRT2;
    double t = 1 / (1 + 0.3275911 * x);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
        + t * (-1.453152027 + t * 1.061405429))));
    double erfc = poly * Math.exp(-x * x);
    return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
  }

  /** log of the mass N(mu, sigma) puts on [0, 1]. */
  static double logMass(double mu, double sigma) {
    double mass = cdf((1 - mu) / sigma) - cdf(-mu / sigma);
    return Math.log(Math.max(mass, 1e-300));
  }

  /** log density at x of N(mu, sigma) truncated to [0, 1], given its {@link #logMass}. */
  static double logPdf(double x, double mu, double sigma, double logMass) {
    double z = (x - mu) / sigma;
    return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI - logMass;
  }

  /** A draw from N(mu, sigma) truncated to [0, 1]. */
  static double sample(double mu, double sigma, SplittableRandom random) {
    double a = cdf(-mu / sigma);
    double b = cdf((1 - mu) / sigma);
    double p = a + random.nextDouble() * (b - a);
    double x = mu + sigma * SQRT2 * Erf.erfInv(2 * p - 1);
    if (!Double.isFinite(x)) {
      x = mu;
    }
    return Math.min(1, Math.max(0, x));
  }
}
