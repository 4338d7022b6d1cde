package org.sparktune.search.tpe;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A weighted mixture of product kernels over some dimensions: numeric ones on [0, 1] (truncated
 * normals) and categorical ones (smoothed one-hot tables), one component per observation plus
 * a flat prior component. The l(x) and g(x) of TPE.
 *
 * <p>Bandwidths follow the TPE literature (Bergstra et al. 2011; Watanabe 2023): with one
 * numeric dimension, each kernel is as wide as the larger gap to its sorted neighbours; with
 * several (multivariate), Scott's rule {@code 0.2 n^(-1/(d+4))}; both clipped to
 * {@code [1/min(100, n+2), 1]} ("magic clip", the prior counted as a kernel). Categorical
 * kernels put weight 1 on the observed choice and {@code priorWeight / n} on every choice.
 * Built per proposal; not thread-safe.
 */
public final class ParzenEstimator {

  private final double[] logWeights;
  private final double[][] mus;
  private final double[][] sigmas;
  private final double[][] invSigmas;
  private final double[] logNorms;
  private final double[] terms;
  private final double[][][] logProbs;
  private final double[][][] cumProbs;

  private ParzenEstimator(double[] logWeights, double[][] mus, double[][] sigmas,
      double[][][] probs, boolean normalized) {
    this.logWeights = logWeights;
    this.mus = mus;
    this.sigmas = sigmas;
    int m = logWeights.length;
    invSigmas = new double[m][];
    logNorms = new double[m];
    terms = new double[m];
    logProbs = new double[m][][];
    cumProbs = new double[m][][];
    for (int k = 0; k < m; k++) {
      invSigmas[k] = new double[mus[k].length];
      logNorms[k] = logWeights[k];
      for (int j = 0; j < mus[k].length; j++) {
        invSigmas[k][j] = 1 / sigmas[k][j];
        logNorms[k] += TruncatedNormal.logPdf(mus[k][j], mus[k][j], sigmas[k][j],
            TruncatedNormal.logMass(mus[k][j], sigmas[k][j]));
        if (!normalized) {
          // Each kernel weighs in proportion to its bandwidth (see fit).
          logNorms[k] += Math.log(sigmas[k][j]);
        }
      }
      logProbs[k] = new double[probs[k].length][];
      cumProbs[k] = new double[probs[k].length][];
      for (int j = 0; j < probs[k].length; j++) {
        logProbs[k][j] = Arrays.stream(probs[k][j]).map(Math::log).toArray();
        cumProbs[k][j] = probs[k][j].clone();
        Arrays.parallelPrefix(cumProbs[k][j], Double::sum);
      }
    }
  }

  /**
   * Fits the mixture.
   *
   * @param numeric observations' numeric coordinates, [n][dn], each in [0, 1]
   * @param dn number of numeric dimensions (also when there are no observations)
   * @param categorical observations' choice indices, [n][dc]
   * @param choices number of choices of each categorical dimension, [dc]
   * @param weights observation weights, [n], positive
   * @param priorWeight weight of the flat prior component, relative to one observation
   * @param normalized whether {@link #logPdf} is the mixture's density; when false, each
   *     numeric kernel's term is scaled by its bandwidth (the kernel's height at its centre no
   *     longer grows as it narrows), so narrow kernels count for less and the wide prior for
   *     more. That is what TPE scored with in widely used releases before the scaling was
   *     fixed, and it searches more greedily; see {@code TpeSampler#setNormalizedKernels}.
   */
  public static ParzenEstimator fit(double[][] numeric, int dn, int[][] categorical,
      int[] choices, double[] weights, double priorWeight, boolean normalized) {
    int n = weights.length;
    int dc = choices.length;
    int m = n + 1;
    double[] w = new double[m];
    double total = priorWeight;
    for (int i = 0; i < n; i++) {
      w[i] = weights[i];
      total += weights[i];
    }
    w[n] = priorWeight;
    double[] logW = new double[m];
    for (int k = 0; k < m; k++) {
      logW[k] = Math.log(w[k] / total);
    }
    double[][] mus = new double[m][dn];
    double[][] sig = new double[m][dn];
    // The floor counts the prior among the kernels: 1 / min(100, components + 1).
    double minSigma = 1.0 / Math.min(100.0, n + 2.0);
    for (int j = 0; j < dn; j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = numeric[i][j];
        mus[i][j] = numeric[i][j];
      }
      mus[n][j] = 0.5;
      sig[n][j] = 1.0;
      double[] bandwidth = dn == 1 ? neighbourBandwidths(column)
          : scott(n, dn + dc);
      for (int i = 0; i < n; i++) {
        sig[i][j] = Math.min(1.0, Math.max(minSigma, bandwidth[Math.min(i,
            bandwidth.length - 1)]));
      }
    }
    double[][][] probs = new double[m][dc][];
    for (int j = 0; j < dc; j++) {
      int c = choices[j];
      for (int i = 0; i < n; i++) {
        double[] p = new double[c];
        Arrays.fill(p, priorWeight / n);
        p[categorical[i][j]] += 1;
        double s = Arrays.stream(p).sum();
        for (int t = 0; t < c; t++) {
          p[t] /= s;
        }
        probs[i][j] = p;
      }
      double[] flat = new double[c];
      Arrays.fill(flat, 1.0 / c);
      probs[n][j] = flat;
    }
    return new ParzenEstimator(logW, mus, sig, probs, normalized);
  }

  /** Each point's bandwidth: the larger gap to its neighbours among the points and the prior. */
  private static double[] neighbourBandwidths(double[] x) {
    int n = x.length;
    double[] withPrior = Arrays.copyOf(x, n + 1);
    withPrior[n] = 0.5;
    Integer[] order = new Integer[n + 1];
    for (int i = 0; i <= n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(withPrior[a], withPrior[b]));
    double[] out = new double[n];
    for (int r = 0; r <= n; r++) {
      int i = order[r];
      if (i == n) {
        continue;
      }
      double left = r > 0 ? withPrior[i] - withPrior[order[r - 1]] : 0;
      double right = r < n ? withPrior[order[r + 1]] - withPrior[i] : 0;
      out[i] = Math.max(left, right);
    }
    return out;
  }

  private static double[] scott(int n, int d) {
    return new double[] {0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4))};
  }

  /** Number of components, prior included. */
  public int size() {
    return logWeights.length;
  }

  /** Draws one point: numeric coordinates into {@code x}, choice indices into {@code c}. */
  public void sample(SplittableRandom random, double[] x, int[] c) {
    double u = random.nextDouble();
    int k = 0;
    double acc = Math.exp(logWeights[0]);
    while (u > acc && k < logWeights.length - 1) {
      k++;
      acc += Math.exp(logWeights[k]);
    }
    for (int j = 0; j < x.length; j++) {
      x[j] = TruncatedNormal.sample(mus[k][j], sigmas[k][j], random);
    }
    for (int j = 0; j < c.length; j++) {
      double v = random.nextDouble();
      double[] cum = cumProbs[k][j];
      int t = 0;
      while (t < cum.length - 1 && v > cum[t]) {
        t++;
      }
      c[j] = t;
    }
  }

  /** log density of the mixture at (x, c). Not thread-safe: it reuses a buffer. */
  public double logPdf(double[] x, int[] c) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logWeights.length; k++) {
      // logNorms[k] holds the weight and each kernel's log density at its own centre.
      double t = logNorms[k];
      for (int j = 0; j < x.length; j++) {
        double z = (x[j] - mus[k][j]) * invSigmas[k][j];
        t -= 0.5 * z * z;
      }
      for (int j = 0; j < c.length; j++) {
        t += logProbs[k][j][c[j]];
      }
      terms[k] = t;
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    return max + Math.log(sum);
  }
}
