package org.sparktune.space;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * When a dimension applies: only while the categorical dimension {@code parent} is itself
 * active and takes one of {@code values}. A dimension whose condition does not hold gets no
 * value in a trial, is left out of its ParamMap, and is not modelled from that trial.
 *
 * <p>Conditions chain: the parent may be conditional too, so a dimension is active only when
 * every condition up its chain holds. Build conditions with {@link SearchSpace#when}.
 *
 * @param parent name of a categorical dimension of the same space
 * @param values the parent's values for which the dimension applies, plain and without repeats
 */
public record Condition(String parent, List<Object> values) implements Serializable {

  /** Copies the values so the record stays immutable. */
  public Condition {
    values = List.copyOf(values);
  }

  /**
   * Whether the condition holds for a point built in dependency order: the parent has a value
   * in {@code point} (so it is active) and the value is one of {@link #values}.
   */
  public boolean holds(Map<String, ?> point) {
    Object v = point.get(parent);
    return v != null && values.contains(v);
  }

  @Override
  public String toString() {
    return parent + (values.size() == 1 ? " == " + values.get(0) : " in " + values);
  }
}
