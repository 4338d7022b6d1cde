package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.study.Direction;
import org.sparktune.study.Trial;

/**
 * Parallel coordinates: one axis a parameter and one for the metric, one line a trial with a
 * result at the compared budget ({@link Scores}), coloured by the metric. A log-scale range is
 * drawn as log10 of its values; a categorical one as its values' places, labelled with the
 * values. A parameter some of those trials did not have (a conditional one) gets no axis, and
 * the figure's title says so.
 */
final class ParallelFigure {

  private ParallelFigure() {}

  /** The figure, or empty with fewer than two trials with a result. */
  static Optional<ObjectNode> build(ReportInput in, Scores scores) {
    if (scores.trials().size() < 2) {
      return Optional.empty();
    }
    ArrayNode dims = Figures.MAPPER.createArrayNode();
    List<String> left = new ArrayList<>();
    for (Dimension d : in.space().dimensions()) {
      if (scores.trials().stream().anyMatch(t -> t.params().get(d.name()) == null)) {
        left.add(d.name());
        continue;
      }
      dims.add(axis(d, scores.trials()));
    }
    ObjectNode metric = dims.addObject().put("label", Html.plotText(in.metricName()));
    ArrayNode values = metric.putArray("values");
    scores.values().forEach(values::add);
    ArrayNode data = Figures.MAPPER.createArrayNode();
    ObjectNode trace = data.addObject().put("type", "parcoords");
    trace.set("dimensions", dims);
    ObjectNode line = trace.putObject("line").put("colorscale", "Viridis")
        .put("reversescale", in.direction() == Direction.MINIMIZE).put("showscale", true);
    line.set("color", values.deepCopy());
    String title = "Parameters and " + in.metricName() + " at budget " + scores.budgetText()
        + (left.isEmpty() ? "" : " (no axis for conditional " + String.join(", ", left) + ")");
    ObjectNode figure = Figures.figure(data, title, "", "");
    ObjectNode layout = (ObjectNode) figure.get("layout");
    layout.putObject("margin").put("t", 80).put("l", 60).put("r", 60);
    return Optional.of(figure);
  }

  private static ObjectNode axis(Dimension d, List<Trial> trials) {
    ObjectNode axis = Figures.MAPPER.createObjectNode();
    ArrayNode values = axis.putArray("values");
    if (d.distribution() instanceof Categorical c) {
      axis.put("label", Html.plotText(d.name()));
      ArrayNode ticks = axis.putArray("tickvals");
      ArrayNode labels = axis.putArray("ticktext");
      for (int i = 0; i < c.choices().size(); i++) {
        ticks.add(i);
        labels.add(Figures.category(c.choices().get(i)));
      }
      for (Trial t : trials) {
        values.add(c.choices().indexOf(t.params().get(d.name())));
      }
      axis.putArray("range").add(0).add(Math.max(1, c.choices().size() - 1));
      return axis;
    }
    boolean log = Figures.isLog(d);
    axis.put("label", Html.plotText(log ? "log10(" + d.name() + ")" : d.name()));
    for (Trial t : trials) {
      Double v = Figures.number(t.params().get(d.name()));
      if (v == null) {
        values.addNull();
      } else {
        values.add(log ? Math.log10(v) : v);
      }
    }
    return axis;
  }
}
