package org.sparktune.search.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class TruncatedNormalTest {

  @Test
  void cdfAgreesWithAFullPrecisionErfToWithin2e7() {
    double worst = 0;
    for (double z = -12; z <= 12; z += 0.001) {
      double exact = 0.5 * Erf.erfc(-z / Math.sqrt(2));
      worst = Math.max(worst, Math.abs(TruncatedNormal.cdf(z) - exact));
    }
    assertTrue(worst < 2e-7, "largest error " + worst);
    assertEquals(0.5, TruncatedNormal.cdf(0), 1e-9);
  }

  @Test
  void samplesStayInTheUnitIntervalWithTheTruncatedMean() {
    // N(0.9, 0.3) on [0, 1]: mean 0.9 + 0.3 (phi(-3) - phi(1/3)) / (Phi(1/3) - Phi(-3)).
    SplittableRandom random = new SplittableRandom(1);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double x = TruncatedNormal.sample(0.9, 0.3, random);
      assertTrue(x >= 0 && x <= 1);
      sum += x;
    }
    double phiA = Math.exp(-0.5 * 9) / Math.sqrt(2 * Math.PI);
    double phiB = Math.exp(-0.5 / 9) / Math.sqrt(2 * Math.PI);
    double mass = 0.5 * Erf.erfc(-1 / 3.0 / Math.sqrt(2)) - 0.5 * Erf.erfc(3 / Math.sqrt(2));
    assertEquals(0.9 + 0.3 * (phiA - phiB) / mass, sum / n, 0.002);
  }
}
