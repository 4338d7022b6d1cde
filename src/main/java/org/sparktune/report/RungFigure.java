package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sparktune.study.Rung;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * The rungs of a multi-fidelity schedule: each trial's metric at every budget it ran at, one
 * line a trial, on a log axis of budgets. Complete trials are solid blue lines, pruned ones
 * dotted grey, failed ones red; a partial rung (fold racing stopped it) is left out.
 */
final class RungFigure {

  private RungFigure() {}

  /** The figure, or empty when the trials ran at one budget only. */
  static Optional<ObjectNode> build(ReportInput in) {
    if (Scores.budgetCount(in) < 2) {
      return Optional.empty();
    }
    ArrayNode data = Figures.MAPPER.createArrayNode();
    Set<TrialState> shown = EnumSet.noneOf(TrialState.class);
    for (Trial t : in.trials()) {
      ArrayNode x = Figures.MAPPER.createArrayNode();
      ArrayNode y = Figures.MAPPER.createArrayNode();
      ArrayNode text = Figures.MAPPER.createArrayNode();
      for (Rung r : t.rungs()) {
        if (!r.partial()) {
          x.add(r.budget());
          y.add(r.value());
          text.add("trial " + t.number() + " (" + t.state() + "), rung " + r.rung());
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      ObjectNode trace = data.addObject().put("type", "scatter").put("mode", "lines+markers")
          .put("name", "trial " + t.number()).put("legendgroup", t.state().name());
      trace.set("x", x);
      trace.set("y", y);
      trace.set("text", text);
      ObjectNode line = trace.putObject("line").put("width", 1.5);
      switch (t.state()) {
        case COMPLETE -> line.put("color", "#1f77b4");
        case PRUNED -> line.put("color", "#999999").put("dash", "dot");
        case FAILED -> line.put("color", "#d62728").put("dash", "dash");
        default -> line.put("color", "#2ca02c");
      }
      // One legend entry a state: the first trial in it stands for the group.
      boolean first = shown.add(t.state());
      trace.put("showlegend", first);
      if (first) {
        trace.put("name", t.state().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
    ObjectNode figure = Figures.figure(data, "Metric by rung and budget, one line a trial",
        "budget (fraction, log scale)", Figures.metricTitle(in));
    ((ObjectNode) figure.get("layout").get("xaxis")).put("type", "log");
    return Optional.of(figure);
  }
}
