package org.sparktune.space;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;

/**
 * The parameters a study searches, each a named {@link Dimension}, optionally bound to the MLlib
 * {@link Param} of a stage; plus fixed values applied to every trial.
 *
 * <p>Samplers see {@link #dimensions()} only: names and plain values. The Spark side turns a
 * sampled point into a {@link ParamMap} with {@link #toParamMap}, after {@link #bind} has checked
 * the space against the estimator. A space that was read from JSON holds the stage uid and param
 * name of each binding and finds the {@code Param} objects again in {@link #bind}.
 *
 * <pre>{@code
 * SearchSpace space = new SearchSpace()
 *     .logUniform(lr.regParam(), 1e-4, 1.0)
 *     .uniform(lr.elasticNetParam(), 0.0, 1.0)
 *     .intRange(rf.maxDepth(), 2, 14)
 *     .categorical(rf.impurity(), "gini", "entropy");
 * }</pre>
 *
 * <p>A dimension can apply only when a categorical takes given values, built with {@link #when}:
 *
 * <pre>{@code
 * space.categorical("penalty", "none", "elasticNet")
 *      .when("penalty", "elasticNet", s -> s
 *          .logUniform(lr.regParam(), 1e-4, 1.0)
 *          .uniform(lr.elasticNetParam(), 0.0, 1.0));
 * }</pre>
 *
 * A trial where the condition does not hold has no value for those dimensions, leaves their
 * params unset, and model-based samplers learn each dimension only from trials where it
 * applied. Conditions may nest; {@link #dimensions()} lists parents before their children and
 * rejects a missing or non-categorical parent and a cycle of conditions.
 *
 * <p>Not thread-safe while being built; treat a built space as immutable (every Spark-side use
 * goes through {@link #bind}, which returns a new space).
 */
public final class SearchSpace implements Serializable {

  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, Dimension> dimensions = new LinkedHashMap<>();
  private final LinkedHashMap<String, Object> fixed = new LinkedHashMap<>();
  private final LinkedHashMap<String, ParamRef> refs = new LinkedHashMap<>();
  private transient Map<String, Param<?>> params = new LinkedHashMap<>();
  /** The condition of the {@link #when} block being built, applied to every dimension added. */
  private transient Condition scope;
  /** {@link #dimensions()}, checked and ordered once; cleared by every change to the space. */
  private transient List<Dimension> ordered;

  /** An empty space. */
  public SearchSpace() {}

  /** Real values spread evenly in {@code [low, high]}. */
  public SearchSpace uniform(Param<?> param, double low, double high) {
    return add(param.name(), param, new FloatRange(low, high, false, 0));
  }

  /** Real values spread evenly in {@code [low, high]}, for a plain named dimension. */
  public SearchSpace uniform(String name, double low, double high) {
    return add(name, null, new FloatRange(low, high, false, 0));
  }

  /** Real values spread evenly in log space over {@code [low, high]}, {@code low > 0}. */
  public SearchSpace logUniform(Param<?> param, double low, double high) {
    return add(param.name(), param, new FloatRange(low, high, true, 0));
  }

  /** Real values spread evenly in log space, for a plain named dimension. */
  public SearchSpace logUniform(String name, double low, double high) {
    return add(name, null, new FloatRange(low, high, true, 0));
  }

  /** Every whole number in {@code [low, high]}. */
  public SearchSpace intRange(Param<?> param, long low, long high) {
    return add(param.name(), param, new IntRange(low, high, false, 1));
  }

  /** Every whole number in {@code [low, high]}, for a plain named dimension. */
  public SearchSpace intRange(String name, long low, long high) {
    return add(name, null, new IntRange(low, high, false, 1));
  }

  /** Whole numbers {@code low, low + step, …} up to {@code high}. */
  public SearchSpace intRange(Param<?> param, long low, long high, long step) {
    return add(param.name(), param, new IntRange(low, high, false, step));
  }

  /** Whole numbers spread evenly in log space over {@code [low, high]}, {@code low >= 1}. */
  public SearchSpace logIntRange(Param<?> param, long low, long high) {
    return add(param.name(), param, new IntRange(low, high, true, 1));
  }

  /** One of the given values: strings, booleans, ints or doubles, all of one kind. */
  public SearchSpace categorical(Param<?> param, Object... values) {
    return add(param.name(), param, Values.categorical(param.name(), values));
  }

  /** One of the given values, for a plain named dimension. */
  public SearchSpace categorical(String name, Object... values) {
    return add(name, null, Values.categorical(name, values));
  }

  /** A value applied to every trial and not searched. */
  public SearchSpace fixed(Param<?> param, Object value) {
    String name = param.name();
    checkNewName(name);
    fixed.put(name, Values.plain(name, value));
    bindRef(name, param);
    return this;
  }

  /**
   * Adds a dimension under {@code name}, bound to {@code param} (or to no param when null).
   * The general form behind the shortcuts; use it to give two stages' params distinct names.
   */
  public SearchSpace add(String name, Param<?> param, Distribution distribution) {
    return add(name, param, distribution, scope);
  }

  /**
   * Adds a dimension that applies only under {@code condition} (or always, when null). The
   * general form behind {@link #when}; a space read from JSON is built through it.
   */
  public SearchSpace add(String name, Param<?> param, Distribution distribution,
      Condition condition) {
    Dimension dimension = new Dimension(name, distribution, condition);
    checkNewName(name);
    dimensions.put(name, dimension);
    if (param != null) {
      bindRef(name, param);
    }
    return this;
  }

  /**
   * Adds the dimensions {@code body} declares as applying only when the categorical dimension
   * {@code parent} takes {@code value}. Blocks nest: an inner block's dimensions also need the
   * outer condition, since their parent does. {@code body} adds to the space it is given and
   * returns it, as the builder methods do: {@code s -> s.uniform(...)}.
   */
  public SearchSpace when(String parent, Object value, UnaryOperator<SearchSpace> body) {
    return whenAny(parent, List.of(value), body);
  }

  /** {@link #when(String, Object, UnaryOperator)} with the dimension bound to {@code parent}. */
  public SearchSpace when(Param<?> parent, Object value, UnaryOperator<SearchSpace> body) {
    return whenAny(nameOf(parent), List.of(value), body);
  }

  /** Like {@link #when(String, Object, UnaryOperator)}, applying when {@code parent} is any of
   * {@code values}. */
  public SearchSpace whenAny(String parent, List<?> values, UnaryOperator<SearchSpace> body) {
    List<Object> plain = new ArrayList<>();
    for (Object v : values) {
      plain.add(Values.plain(parent, v));
    }
    Condition outer = scope;
    scope = new Condition(parent, plain);
    try {
      body.apply(this);
    } finally {
      scope = outer;
    }
    return this;
  }

  /** {@link #whenAny(String, List, UnaryOperator)} with the dimension bound to {@code parent}. */
  public SearchSpace whenAny(Param<?> parent, List<?> values, UnaryOperator<SearchSpace> body) {
    return whenAny(nameOf(parent), values, body);
  }

  /** The name of the dimension bound to {@code param}, or the param's own name if none is. */
  private String nameOf(Param<?> param) {
    ParamRef ref = new ParamRef(param.parent(), param.name());
    for (Map.Entry<String, ParamRef> e : refs.entrySet()) {
      if (e.getValue().equals(ref) && dimensions.containsKey(e.getKey())) {
        return e.getKey();
      }
    }
    return param.name();
  }

  private void checkNewName(String name) {
    if (dimensions.containsKey(name) || fixed.containsKey(name)) {
      throw SpaceErrors.duplicateName(name);
    }
    ordered = null;
  }

  private void bindRef(String name, Param<?> param) {
    refs.put(name, new ParamRef(param.parent(), param.name()));
    params.put(name, param);
  }

  /**
   * The searched dimensions in the order they were added, except that every parent comes
   * before the dimensions conditional on it.
   *
   * @throws IllegalArgumentException naming the dimension and the fix when a condition names
   *     a missing or non-categorical parent, or a value the parent cannot take, or when the
   *     conditions form a cycle
   */
  public List<Dimension> dimensions() {
    List<Dimension> out = ordered;
    if (out == null) {
      out = Conditions.order(dimensions, fixed);
      ordered = out;
    }
    return out;
  }

  /** Whether any dimension applies only under a condition. */
  public boolean hasConditions() {
    return dimensions.values().stream().anyMatch(Dimension::isConditional);
  }

  /** The dimension called {@code name}, or null. */
  public Dimension dimension(String name) {
    return dimensions.get(name);
  }

  /** Fixed values by name, in the order they were added. */
  public Map<String, Object> fixedValues() {
    return Collections.unmodifiableMap(fixed);
  }

  /** Stage uid and param name of every bound dimension and fixed value, by name. */
  public Map<String, ParamRef> paramRefs() {
    return Collections.unmodifiableMap(refs);
  }

  /** Names of the dimensions, in order. */
  public List<String> names() {
    return new ArrayList<>(dimensions.keySet());
  }

  /**
   * Checks that {@code point} gives every dimension that applies to it a value it allows, and
   * names nothing else (no unknown name, no dimension whose condition it does not meet);
   * returns it with plain values (ints widened to long, floats to double), in dependency order.
   */
  public Map<String, Object> checkPoint(Map<String, ?> point) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : point.keySet()) {
      if (!dimensions.containsKey(key)) {
        throw SpaceErrors.unknownDimension(key, dimensions.keySet());
      }
    }
    for (Dimension d : dimensions()) {
      if (!d.isActive(out)) {
        if (point.containsKey(d.name())) {
          throw SpaceErrors.inactiveValue(d.name(), d.condition());
        }
        continue;
      }
      if (!point.containsKey(d.name())) {
        throw SpaceErrors.missingValue(d.name());
      }
      Object v = Values.plain(d.name(), point.get(d.name()));
      if (v instanceof Long l && d.distribution() instanceof FloatRange) {
        v = l.doubleValue();
      }
      if (!d.contains(v)) {
        throw SpaceErrors.outsideDimension(d.name(), v, d.distribution());
      }
      out.put(d.name(), v);
    }
    return out;
  }

  /**
   * Returns a copy of this space bound to the stages of {@code estimator} (itself, or the
   * stages of a Pipeline, recursively): every param is found, typed and checked against its
   * stage's validator at the bounds of its dimension.
   *
   * @throws IllegalArgumentException naming the param and the fix when it does not belong to
   *     the estimator or cannot take the space's values
   */
  public SearchSpace bind(Params estimator) {
    return ParamBinder.bind(this, estimator);
  }

  /** The {@code ParamMap} of a point: its bound dimensions and every fixed value. */
  public ParamMap toParamMap(Map<String, ?> point) {
    ParamMap map = new ParamMap();
    for (Map.Entry<String, Object> e : fixed.entrySet()) {
      put(map, e.getKey(), e.getValue());
    }
    for (Map.Entry<String, ?> e : point.entrySet()) {
      if (refs.containsKey(e.getKey())) {
        put(map, e.getKey(), e.getValue());
      }
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private void put(ParamMap map, String name, Object value) {
    Param<?> param = params.get(name);
    if (param == null) {
      throw new IllegalStateException("search space dimension '" + name + "' names param "
          + refs.get(name) + " but is not bound to an estimator; call bind(estimator) first.");
    }
    map.put((Param<Object>) param, ParamBinder.toParamValue(name, param, value));
  }

  /** JSON of the whole space, readable by {@link #fromJson}. */
  public String toJson() {
    return SpaceJson.write(this);
  }

  /** Reads a space written by {@link #toJson}; call {@link #bind} before using its params. */
  public static SearchSpace fromJson(String json) {
    return SpaceJson.read(json);
  }

  // Package-private hooks for the binder and JSON reader.

  SearchSpace copyWithParams(Map<String, Param<?>> bound) {
    SearchSpace copy = new SearchSpace();
    copy.dimensions.putAll(dimensions);
    copy.fixed.putAll(fixed);
    copy.refs.putAll(refs);
    copy.params.putAll(bound);
    return copy;
  }

  void addRef(String name, ParamRef ref) {
    refs.put(name, ref);
  }

  void addFixed(String name, Object value) {
    checkNewName(name);
    fixed.put(name, Values.plain(name, value));
  }

  private void readObject(java.io.ObjectInputStream in)
      throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    params = new LinkedHashMap<>();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchSpace s && dimensions.equals(s.dimensions)
        && fixed.equals(s.fixed) && refs.equals(s.refs);
  }

  @Override
  public int hashCode() {
    return dimensions.hashCode() * 31 + refs.hashCode();
  }

  @Override
  public String toString() {
    return "SearchSpace" + dimensions.values() + (fixed.isEmpty() ? "" : " fixed " + fixed);
  }
}
