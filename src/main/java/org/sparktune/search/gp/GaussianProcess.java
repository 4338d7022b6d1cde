package org.sparktune.search.gp;

import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Gaussian-process regression with a Matérn-5/2 kernel with one lengthscale per input (ARD) on
 * the unit cube, a signal variance and a noise variance, on standardised targets. The
 * hyperparameters maximise the log marginal likelihood plus a Gamma(3, 6) log prior on each
 * lengthscale (as in common Bayesian-optimisation practice), by BOBYQA (commons-math3) from
 * several starts. Cholesky factorisation and solves are commons-math3's.
 *
 * <p>Rasmussen and Williams, "Gaussian Processes for Machine Learning" (2006), ch. 2 and 4.
 * Immutable after {@link #fit}; safe to read from several threads.
 */
public final class GaussianProcess {

  private static final double SQRT5 = Math.sqrt(5);
  private static final double MIN_LOG_LS = Math.log(0.01);
  private static final double MAX_LOG_LS = Math.log(20);

  private final double[][] x;
  private final double[] lengthscales;
  private final double signal;
  private final double noise;
  private final double mean;
  private final double scale;
  private final CholeskyDecomposition chol;
  private final RealVector alpha;

  private GaussianProcess(double[][] x, double[] theta, double mean, double scale,
      double[] yStd) {
    this.x = x;
    int d = theta.length - 2;
    lengthscales = new double[d];
    for (int i = 0; i < d; i++) {
      lengthscales[i] = Math.exp(theta[i]);
    }
    signal = Math.exp(theta[d]);
    noise = Math.exp(theta[d + 1]);
    this.mean = mean;
    this.scale = scale;
    chol = factor(x, lengthscales, signal, noise);
    alpha = chol.getSolver().solve(new ArrayRealVector(yStd, false));
  }

  /**
   * Fits the process to {@code y} at {@code x}, choosing hyperparameters from {@code starts}
   * starting points (the first a neutral guess, the rest random) on the rows {@code subset}
   * only (the marginal likelihood costs a cubic factorisation per evaluation), then
   * conditioning on every row.
   */
  public static GaussianProcess fit(double[][] x, double[] y, int[] subset, int starts,
      int maxEvals, SplittableRandom random) {
    int n = y.length;
    int d = x[0].length;
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean) / n;
    }
    double scale = var > 0 ? Math.sqrt(var) : 1;
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = (y[i] - mean) / scale;
    }
    double[] lower = new double[d + 2];
    double[] upper = new double[d + 2];
    for (int i = 0; i < d; i++) {
      lower[i] = MIN_LOG_LS;
      upper[i] = MAX_LOG_LS;
    }
    lower[d] = Math.log(0.05);
    upper[d] = Math.log(20);
    lower[d + 1] = Math.log(1e-6);
    upper[d + 1] = Math.log(0.5);
    double[][] xs = new double[subset.length][];
    double[] yss = new double[subset.length];
    for (int i = 0; i < subset.length; i++) {
      xs[i] = x[subset[i]];
      yss[i] = ys[subset[i]];
    }
    MultivariateFunction objective = theta -> logPosterior(xs, yss, theta);
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < starts; s++) {
      double[] start = new double[d + 2];
      for (int i = 0; i < d; i++) {
        start[i] = s == 0 ? Math.log(0.5) : MIN_LOG_LS + 0.3 * (MAX_LOG_LS - MIN_LOG_LS)
            + 0.4 * (MAX_LOG_LS - MIN_LOG_LS) * random.nextDouble();
      }
      start[d] = 0;
      start[d + 1] = Math.log(1e-3);
      double[] theta = start;
      double value = objective.value(start);
      try {
        PointValuePair p = new BOBYQAOptimizer(2 * (d + 2) + 1).optimize(new MaxEval(maxEvals),
            new ObjectiveFunction(objective), GoalType.MAXIMIZE, new InitialGuess(start),
            new SimpleBounds(lower, upper));
        if (p.getValue() > value) {
          theta = p.getPoint();
          value = p.getValue();
        }
      } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
        // Keep the starting point; another start may do better.
      }
      if (value > bestValue) {
        bestValue = value;
        best = theta;
      }
    }
    return new GaussianProcess(x, best, mean, scale, ys);
  }

  /** Log marginal likelihood plus the lengthscale prior; -inf when K is not positive. */
  static double logPosterior(double[][] x, double[] y, double[] theta) {
    int d = theta.length - 2;
    double[] ls = new double[d];
    double prior = 0;
    for (int i = 0; i < d; i++) {
      ls[i] = Math.exp(theta[i]);
      prior += 2 * theta[i] - 6 * ls[i];
    }
    CholeskyDecomposition c;
    try {
      c = factor(x, ls, Math.exp(theta[d]), Math.exp(theta[d + 1]));
    } catch (NonPositiveDefiniteMatrixException e) {
      return -1e300;
    }
    RealVector a = c.getSolver().solve(new ArrayRealVector(y, false));
    double fit = 0;
    for (int i = 0; i < y.length; i++) {
      fit += y[i] * a.getEntry(i);
    }
    double logDet = 0;
    RealMatrix l = c.getL();
    for (int i = 0; i < y.length; i++) {
      logDet += Math.log(l.getEntry(i, i));
    }
    return -0.5 * fit - logDet + prior;
  }

  private static CholeskyDecomposition factor(double[][] x, double[] ls, double signal,
      double noise) {
    int n = x.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      k[i][i] = signal + noise + 1e-9;
      for (int j = 0; j < i; j++) {
        double v = kernel(x[i], x[j], ls, signal);
        k[i][j] = v;
        k[j][i] = v;
      }
    }
    return new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-12, 1e-14);
  }

  static double kernel(double[] a, double[] b, double[] ls, double signal) {
    double r2 = 0;
    for (int i = 0; i < a.length; i++) {
      double t = (a[i] - b[i]) / ls[i];
      r2 += t * t;
    }
    double r = Math.sqrt(r2);
    return signal * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
  }

  /** Posterior mean and standard deviation at {@code p}, in the targets' own units. */
  public double[] predict(double[] p) {
    int n = x.length;
    double[] k = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] = kernel(p, x[i], lengthscales, signal);
    }
    double mu = 0;
    for (int i = 0; i < n; i++) {
      mu += k[i] * alpha.getEntry(i);
    }
    RealVector v = chol.getSolver().solve(new ArrayRealVector(k, false));
    double kk = 0;
    for (int i = 0; i < n; i++) {
      kk += k[i] * v.getEntry(i);
    }
    double var = Math.max(signal - kk, 1e-12);
    return new double[] {mean + scale * mu, scale * Math.sqrt(var)};
  }

  /** The same process with more observations at the same hyperparameters (kriging believer). */
  public GaussianProcess withObservations(double[][] extraX, double[] extraY) {
    int n = x.length;
    double[][] all = new double[n + extraX.length][];
    double[] ys = new double[n + extraX.length];
    RealVector y0 = chol.getL().operate(chol.getLT().operate(alpha));
    for (int i = 0; i < n; i++) {
      all[i] = x[i];
      ys[i] = y0.getEntry(i);
    }
    for (int i = 0; i < extraX.length; i++) {
      all[n + i] = extraX[i];
      ys[n + i] = (extraY[i] - mean) / scale;
    }
    double[] theta = new double[lengthscales.length + 2];
    for (int i = 0; i < lengthscales.length; i++) {
      theta[i] = Math.log(lengthscales[i]);
    }
    theta[lengthscales.length] = Math.log(signal);
    theta[lengthscales.length + 1] = Math.log(noise);
    return new GaussianProcess(all, theta, mean, scale, ys);
  }

  /** The fitted lengthscales, one per input. */
  public double[] lengthscales() {
    return lengthscales.clone();
  }
}
