package org.sparktune.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;

/**
 * Every combination of every dimension's grid values, once each, in order: the product of
 * categorical values, of all the values of an int range, and of {@code n} evenly spaced points
 * (in log space for a log range) of a float range, for which {@code n} must be given.
 *
 * <p>A dimension that applies only under a condition is multiplied in only where its condition
 * holds, so a conditional space's grid has no repeated trials.
 *
 * <p>Trial {@code k} gets the {@code k}-th combination (the first dimension varies slowest), so
 * a replayed study proposes the same grid in the same order; {@link #capacity} is the grid's
 * size and a study stops when it is reached. Immutable once configured; thread-safe.
 *
 * <pre>{@code
 * Sampler grid = new GridSampler().setGridPoints("regParam", 4);
 * }</pre>
 */
public final class GridSampler implements Sampler {

  /** Int ranges with more values than this need an explicit number of grid points. */
  static final long MAX_INT_VALUES = 10_000;

  /** Conditional grids are listed point by point; past this many, a grid is refused. */
  static final int MAX_CONDITIONAL_POINTS = 1_000_000;

  private final Map<String, Integer> gridPoints = new LinkedHashMap<>();
  private transient volatile CachedGrid lastGrid;
  private int defaultGridPoints;

  /** Sets the number of evenly spaced points for the dimension {@code name}, at least 2. */
  public GridSampler setGridPoints(String name, int points) {
    gridPoints.put(name, SearchErrors.checkGridPoints(name, points));
    return this;
  }

  /** Sets the number of points for every float range not named in setGridPoints(name, n). */
  public GridSampler setGridPoints(int points) {
    defaultGridPoints = SearchErrors.checkGridPoints("every float range", points);
    return this;
  }

  @Override
  public void validate(List<Dimension> dimensions) {
    capacity(dimensions);
  }

  @Override
  public long capacity(List<Dimension> dimensions) {
    if (dimensions.stream().anyMatch(Dimension::isConditional)) {
      return conditionalGrid(dimensions).size();
    }
    long size = 1;
    for (Dimension d : dimensions) {
      size = Math.multiplyExact(size, values(d).size());
    }
    return size;
  }

  @Override
  public Map<String, Object> sample(SamplingContext context) {
    List<Dimension> dims = context.dimensions();
    long capacity = capacity(dims);
    if (context.number() >= capacity) {
      throw SearchErrors.gridExhausted(context.number(), capacity);
    }
    if (dims.stream().anyMatch(Dimension::isConditional)) {
      return new LinkedHashMap<>(conditionalGrid(dims).get(context.number()));
    }
    long index = context.number();
    Object[] chosen = new Object[dims.size()];
    for (int i = dims.size() - 1; i >= 0; i--) {
      List<Object> values = values(dims.get(i));
      chosen[i] = values.get((int) (index % values.size()));
      index /= values.size();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < dims.size(); i++) {
      out.put(dims.get(i).name(), chosen[i]);
    }
    return out;
  }

  /**
   * The grid of a space with conditions: every combination of the values of the dimensions
   * that apply, each once (a dimension whose condition fails is not multiplied in), the first
   * dimension varying slowest. Kept for the last space asked about.
   */
  private List<Map<String, Object>> conditionalGrid(List<Dimension> dims) {
    CachedGrid cached = lastGrid;
    if (cached != null && cached.dims.equals(dims)) {
      return cached.points;
    }
    List<Map<String, Object>> points = new ArrayList<>();
    expand(dims, 0, new LinkedHashMap<>(), points);
    lastGrid = new CachedGrid(List.copyOf(dims), List.copyOf(points));
    return points;
  }

  private void expand(List<Dimension> dims, int i, LinkedHashMap<String, Object> partial,
      List<Map<String, Object>> out) {
    if (i == dims.size()) {
      if (out.size() >= MAX_CONDITIONAL_POINTS) {
        throw SearchErrors.gridTooLarge(MAX_CONDITIONAL_POINTS);
      }
      out.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partial)));
      return;
    }
    Dimension d = dims.get(i);
    if (!d.isActive(partial)) {
      expand(dims, i + 1, partial, out);
      return;
    }
    for (Object v : values(d)) {
      partial.put(d.name(), v);
      expand(dims, i + 1, partial, out);
      partial.remove(d.name());
    }
  }

  /** A conditional grid and the dimensions it was built for. */
  private record CachedGrid(List<Dimension> dims, List<Map<String, Object>> points) {}

  /** The grid values of one dimension. */
  List<Object> values(Dimension d) {
    if (d.distribution() instanceof Categorical c) {
      return c.choices();
    }
    Integer points = gridPoints.get(d.name());
    if (d.distribution() instanceof IntRange r) {
      if (points == null && r.size() > MAX_INT_VALUES) {
        throw SearchErrors.tooManyIntValues(d.name(), r.size(), MAX_INT_VALUES);
      }
      return points == null ? allValues(r) : spaced(d, points);
    }
    FloatRange r = (FloatRange) d.distribution();
    if (points == null && defaultGridPoints == 0) {
      throw SearchErrors.gridPointsMissing(d.name(), r.log());
    }
    return spaced(d, points == null ? defaultGridPoints : points);
  }

  private static List<Object> allValues(IntRange r) {
    List<Object> out = new ArrayList<>();
    for (long v = r.low(); v <= r.high(); v += r.step()) {
      out.add(v);
    }
    return out;
  }

  /** {@code n} points evenly spread from low to high on the dimension's scale, no repeats. */
  private static List<Object> spaced(Dimension d, int n) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object v = endpoint(d, (double) i / (n - 1));
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /** The value at fraction t of the way from low to high, endpoints exact. */
  private static Object endpoint(Dimension d, double t) {
    if (d.distribution() instanceof FloatRange r) {
      if (t == 0) {
        return r.low();
      }
      if (t == 1) {
        return r.high();
      }
      return r.log()
          ? Math.exp(Math.log(r.low()) + t * (Math.log(r.high()) - Math.log(r.low())))
          : UnitScale.fromUnit(d, t);
    }
    IntRange r = (IntRange) d.distribution();
    double v = r.log()
        ? Math.exp(Math.log(r.low()) + t * (Math.log(r.high()) - Math.log(r.low())))
        : r.low() + t * (r.high() - r.low());
    long snapped = r.low() + Math.round((v - r.low()) / r.step()) * r.step();
    return Math.max(r.low(), Math.min(r.high(), snapped));
  }

  @Override
  public boolean usesHistory(int number) {
    return false;
  }

  @Override
  public String name() {
    return "grid";
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    if (defaultGridPoints > 0) {
      config.put("gridPoints", (long) defaultGridPoints);
    }
    if (!gridPoints.isEmpty()) {
      Map<String, Object> per = new LinkedHashMap<>();
      gridPoints.forEach((k, v) -> per.put(k, (long) v));
      config.put("gridPointsByName", per);
    }
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GridSampler g && g.defaultGridPoints == defaultGridPoints
        && g.gridPoints.equals(gridPoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defaultGridPoints, gridPoints);
  }

  @Override
  public String toString() {
    return "GridSampler" + config();
  }
}
