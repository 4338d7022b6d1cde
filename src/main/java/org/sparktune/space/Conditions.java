package org.sparktune.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the conditions of a space and orders its dimensions so that every parent comes before
 * the dimensions that depend on it.
 */
final class Conditions {

  private Conditions() {}

  /**
   * The dimensions with every parent before its children, otherwise in insertion order.
   *
   * @throws IllegalArgumentException when a condition names a missing or non-categorical
   *     parent, a value the parent cannot take, or the conditions form a cycle
   */
  static List<Dimension> order(LinkedHashMap<String, Dimension> dims, Map<String, ?> fixed) {
    boolean any = false;
    for (Dimension d : dims.values()) {
      if (d.condition() != null) {
        check(d, dims, fixed);
        any = true;
      }
    }
    if (!any) {
      return List.copyOf(dims.values());
    }
    List<Dimension> out = new ArrayList<>(dims.size());
    Map<String, Boolean> done = new HashMap<>();
    for (Dimension d : dims.values()) {
      visit(d, dims, done, new ArrayList<>(), out);
    }
    return List.copyOf(out);
  }

  private static void check(Dimension d, Map<String, Dimension> dims, Map<String, ?> fixed) {
    Condition c = d.condition();
    Dimension parent = dims.get(c.parent());
    if (parent == null) {
      throw SpaceErrors.missingParent(d.name(), c.parent(), fixed.containsKey(c.parent()),
          dims.keySet());
    }
    if (!(parent.distribution() instanceof Categorical choices)) {
      throw SpaceErrors.parentNotCategorical(d.name(), c.parent(), parent.distribution());
    }
    if (c.values().isEmpty()) {
      throw SpaceErrors.emptyCondition(d.name(), c.parent());
    }
    for (Object v : c.values()) {
      if (!choices.contains(v)) {
        throw SpaceErrors.conditionValueNotChoice(d.name(), c.parent(), v, choices.choices());
      }
    }
  }

  /** Depth-first: emits parents first; {@code path} holds the chain being visited. */
  private static void visit(Dimension d, Map<String, Dimension> dims, Map<String, Boolean> done,
      List<String> path, List<Dimension> out) {
    Boolean state = done.get(d.name());
    if (Boolean.TRUE.equals(state)) {
      return;
    }
    if (Boolean.FALSE.equals(state)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.name()), path.size()));
      cycle.add(d.name());
      throw SpaceErrors.conditionCycle(cycle);
    }
    done.put(d.name(), false);
    path.add(d.name());
    if (d.condition() != null) {
      visit(dims.get(d.condition().parent()), dims, done, path, out);
    }
    path.remove(path.size() - 1);
    done.put(d.name(), true);
    out.add(d);
  }
}
