package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.study.Trial;

/**
 * One slice plot: the metric against one parameter's value over the trials with a result at
 * the compared budget ({@link Scores}). A log-scale range gets a log axis, a categorical one an
 * axis of its values in the space's order; trials where the parameter did not apply are left
 * out.
 */
final class SliceFigure {

  private SliceFigure() {}

  /** The slice of {@code d}, or empty when no trial with a result has a value for it. */
  static Optional<ObjectNode> build(ReportInput in, Scores scores, Dimension d) {
    ArrayNode x = Figures.MAPPER.createArrayNode();
    ArrayNode y = Figures.MAPPER.createArrayNode();
    ArrayNode text = Figures.MAPPER.createArrayNode();
    boolean categorical = Figures.isCategorical(d);
    for (int i = 0; i < scores.trials().size(); i++) {
      Trial t = scores.trials().get(i);
      Object v = t.params().get(d.name());
      if (v == null) {
        continue;
      }
      if (categorical) {
        x.add(Figures.category(v));
      } else {
        Double n = Figures.number(v);
        if (n == null) {
          continue;
        }
        x.add(n);
      }
      y.add(scores.values().get(i));
      text.add("trial " + t.number() + " (" + t.state() + ")");
    }
    if (x.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode data = Figures.MAPPER.createArrayNode();
    ObjectNode points = data.addObject().put("type", "scatter").put("mode", "markers")
        .put("name", Html.plotText(d.name()));
    points.set("x", x);
    points.set("y", y);
    points.set("text", text);
    points.putObject("marker").put("size", 8).put("color", "#1f77b4").put("opacity", 0.8);
    ObjectNode figure = Figures.figure(data, d.name() + " (metric at budget "
        + scores.budgetText() + ")", d.name() + (Figures.isLog(d) ? " (log scale)" : ""),
        Figures.metricTitle(in));
    ObjectNode xaxis = (ObjectNode) figure.get("layout").get("xaxis");
    if (Figures.isLog(d)) {
      xaxis.put("type", "log");
    } else if (categorical) {
      xaxis.put("type", "category");
      ArrayNode order = xaxis.put("categoryorder", "array").putArray("categoryarray");
      for (Object choice : ((Categorical) d.distribution()).choices()) {
        order.add(Figures.category(choice));
      }
    }
    ((ObjectNode) figure.get("layout")).put("showlegend", false);
    return Optional.of(figure);
  }
}
