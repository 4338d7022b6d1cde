package org.sparktune.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * The rungs of successive halving: how many candidates each rung runs and on how much
 * resource. The rule is scikit-learn's {@code HalvingRandomSearchCV} (version 1.2), so the two
 * give the same schedule for the same candidates, resources and factor:
 *
 * <ul>
 *   <li>rungs needed to reach one candidate: {@code 1 + floor(log(n) / log(factor))};
 *   <li>rungs the resources allow: {@code 1 + floor(log(floor(max / min)) / log(factor))};
 *   <li>rungs run: the fewer of the two, or the rungs needed with aggressive elimination (which
 *       repeats the smallest resource until the remaining rungs fit);
 *   <li>rung i runs on {@code min(factor^i × min, max)} (truncated to a whole number when the
 *       resources are whole numbers) and keeps {@code ceil(n_i / factor)} candidates for the next.
 * </ul>
 *
 * <p>The logarithms are floating point and floored as they come, as the reference does: {@code
 * log(243) / log(3)} is just below 5 and floors to 4. Immutable.
 *
 * @param candidates candidates run at each rung
 * @param resources resource of each rung
 */
public record HalvingSchedule(List<Long> candidates, List<Double> resources) {

  /** Copies the lists so the record stays immutable. */
  public HalvingSchedule {
    candidates = List.copyOf(candidates);
    resources = List.copyOf(resources);
  }

  /**
   * The schedule for {@code n} candidates over resources from {@code min} to {@code max}.
   *
   * @param whole whether resources are whole numbers (rows, iterations), truncated at each rung
   */
  public static HalvingSchedule of(long n, double min, double max, double factor,
      boolean aggressive, boolean whole) {
    int required = 1 + (int) Math.floor(Math.log(n) / Math.log(factor));
    int possible = 1 + steps(min, max, factor, whole);
    int rungs = aggressive ? required : Math.min(possible, required);
    List<Long> candidates = new ArrayList<>();
    List<Double> resources = new ArrayList<>();
    long remaining = n;
    for (int i = 0; i < rungs; i++) {
      int power = aggressive ? Math.max(0, i - required + possible) : i;
      double resource = Math.pow(factor, power) * min;
      if (whole) {
        resource = Math.floor(resource);
      }
      resources.add(Math.min(resource, max));
      candidates.add(remaining);
      remaining = (long) Math.ceil(remaining / factor);
    }
    return new HalvingSchedule(candidates, resources);
  }

  /**
   * How many times {@code min} can grow by {@code factor} without passing {@code max}: {@code
   * floor(log(floor(max / min)) / log(factor))}, the ratio floored a hair above itself for
   * fractions ({@code 1 / (1 / 27.0)} counts as 27) and the logarithm floored as it comes.
   */
  static int steps(double min, double max, double factor, boolean whole) {
    double ratio = whole ? Math.floor(max / min) : Math.floor(max / min * (1 + 1e-9));
    return (int) Math.floor(Math.log(ratio) / Math.log(factor));
  }

  /**
   * The smallest resource that lets {@code n} candidates reach the last rung with {@code max}:
   * scikit-learn's {@code min_resources='exhaust'}, {@code max / factor^(rungs needed - 1)}.
   */
  public static double exhaustMin(long n, double min, double max, double factor, boolean whole) {
    int required = 1 + (int) Math.floor(Math.log(n) / Math.log(factor));
    double floor = max / Math.pow(factor, required - 1);
    return Math.max(min, whole ? Math.floor(floor) : floor);
  }

  /** Number of rungs. */
  public int numRungs() {
    return candidates.size();
  }
}
