package org.sparktune.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;
import org.sparktune.space.SearchSpace;

/** A search space as lines a person reads: one dimension a line, its range and condition. */
final class SpaceText {

  private SpaceText() {}

  static List<String> lines(SearchSpace space) {
    List<String> out = new ArrayList<>();
    for (Dimension d : space.dimensions()) {
      StringBuilder line = new StringBuilder(d.name()).append(": ");
      if (d.distribution() instanceof FloatRange r) {
        line.append(r.log() ? "log-uniform" : "uniform").append(" [").append(r.low())
            .append(", ").append(r.high()).append(']')
            .append(r.step() > 0 ? " step " + r.step() : "");
      } else if (d.distribution() instanceof IntRange r) {
        line.append(r.log() ? "log-int" : "int").append(" [").append(r.low()).append(", ")
            .append(r.high()).append(']').append(r.step() > 1 ? " step " + r.step() : "");
      } else if (d.distribution() instanceof Categorical c) {
        line.append("one of ").append(c.choices());
      }
      if (d.condition() != null) {
        line.append("  when ").append(d.condition().parent()).append(" in ")
            .append(d.condition().values());
      }
      ref(space, d.name(), line);
      out.add(line.toString());
    }
    for (Map.Entry<String, Object> e : space.fixedValues().entrySet()) {
      StringBuilder line = new StringBuilder(e.getKey()).append(": fixed ")
          .append(e.getValue());
      ref(space, e.getKey(), line);
      out.add(line.toString());
    }
    return out;
  }

  private static void ref(SearchSpace space, String name, StringBuilder line) {
    if (space.paramRefs().containsKey(name)
        && !space.paramRefs().get(name).toString().equals(name)) {
      line.append("  (param ").append(space.paramRefs().get(name)).append(')');
    }
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }
}
