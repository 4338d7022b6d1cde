package org.sparktune.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.sparktune.space.SearchSpace;

/**
 * Standard minimisation functions with their usual domains and known minima, as the peer
 * reference figures define them (Branin, Hartmann 3 and 6, Rosenbrock 4-d, Styblinski–Tang 5-d,
 * Ackley 5-d, and the mixed space mixed4).
 *
 * @param name the function's name in the reference figures
 * @param space its domain
 * @param f the function of a trial's params
 * @param minimum its global minimum
 */
record TestFunctions(String name, SearchSpace space, ToDoubleFunction<Map<String, Object>> f,
    double minimum) {

  static List<TestFunctions> all() {
    return List.of(
        new TestFunctions("branin", box(new double[] {-5, 0}, new double[] {10, 15}),
            p -> branin(x(p, 2)), 0.397887357729738),
        new TestFunctions("hartmann3", box(3, 0, 1), p -> hartmann(x(p, 3), A3, P3),
            -3.8627797873326624),
        new TestFunctions("hartmann6", box(6, 0, 1), p -> hartmann(x(p, 6), A6, P6),
            -3.32236801141551),
        new TestFunctions("rosenbrock4", box(4, -5, 10), p -> rosenbrock(x(p, 4)), 0),
        new TestFunctions("styblinski_tang5", box(5, -5, 5), p -> styblinskiTang(x(p, 5)),
            -195.8308285188571),
        new TestFunctions("ackley5", box(5, -32.768, 32.768), p -> ackley(x(p, 5)), 0),
        new TestFunctions("mixed4", new SearchSpace().uniform("x", -5, 5)
            .logUniform("lr", 1e-5, 1).intRange("n", 1, 16).categorical("c", "a", "b", "c"),
            TestFunctions::mixed4, 0));
  }

  private static SearchSpace box(int d, double low, double high) {
    double[] lo = new double[d];
    double[] hi = new double[d];
    java.util.Arrays.fill(lo, low);
    java.util.Arrays.fill(hi, high);
    return box(lo, hi);
  }

  private static SearchSpace box(double[] low, double[] high) {
    SearchSpace s = new SearchSpace();
    for (int i = 0; i < low.length; i++) {
      s.uniform("x" + (i + 1), low[i], high[i]);
    }
    return s;
  }

  private static double[] x(Map<String, Object> p, int d) {
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = (Double) p.get("x" + (i + 1));
    }
    return x;
  }

  static double branin(double[] x) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
    return u * u + 10 * (1 - t) * Math.cos(x[0]) + 10;
  }

  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A3 = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
  private static final double[][] P3 = {{3689, 1170, 2673}, {4699, 4387, 7470},
      {1091, 8732, 5547}, {381, 5743, 8828}};
  private static final double[][] A6 = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] P6 = {{1312, 1696, 5569, 124, 8283, 5886},
      {2329, 4135, 8307, 3736, 1004, 9991}, {2348, 1451, 3522, 2883, 3047, 6650},
      {4047, 8828, 8732, 5743, 1091, 381}};

  static double hartmann(double[] x, double[][] a, double[][] p) {
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < x.length; j++) {
        double d = x[j] - 1e-4 * p[i][j];
        inner += a[i][j] * d * d;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }

  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length - 1; i++) {
      double a = x[i + 1] - x[i] * x[i];
      s += 100 * a * a + (1 - x[i]) * (1 - x[i]);
    }
    return s;
  }

  static double styblinskiTang(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v * v * v - 16 * v * v + 5 * v;
    }
    return 0.5 * s;
  }

  static double ackley(double[] x) {
    double sq = 0;
    double cos = 0;
    for (double v : x) {
      sq += v * v;
      cos += Math.cos(2 * Math.PI * v);
    }
    int d = x.length;
    return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cos / d) + 20 + Math.E;
  }

  static double mixed4(Map<String, Object> p) {
    String c = (String) p.get("c");
    double s = c.equals("a") ? -2.0 : c.equals("b") ? 1.5 : 3.0;
    double o = c.equals("a") ? 0.5 : c.equals("b") ? 0.0 : 1.0;
    double x = (Double) p.get("x");
    double lr = Math.log10((Double) p.get("lr")) + 2.5;
    double n = ((Long) p.get("n")) - 7;
    return (x - s) * (x - s) + lr * lr + 0.25 * n * n + o;
  }
}
