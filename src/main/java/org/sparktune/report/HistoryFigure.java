package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.sparktune.study.Rung;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * The optimisation history: each COMPLETE trial's metric by trial number, the best so far as a
 * step line, and each pruned or failed trial's last result (at a smaller budget) in grey.
 */
final class HistoryFigure {

  private HistoryFigure() {}

  /** The figure, or empty when no trial has a result. */
  static Optional<ObjectNode> build(ReportInput in) {
    ArrayNode complete = Figures.MAPPER.createArrayNode();
    ArrayNode completeY = Figures.MAPPER.createArrayNode();
    ArrayNode bestX = Figures.MAPPER.createArrayNode();
    ArrayNode bestY = Figures.MAPPER.createArrayNode();
    ArrayNode otherX = Figures.MAPPER.createArrayNode();
    ArrayNode otherY = Figures.MAPPER.createArrayNode();
    ArrayNode otherText = Figures.MAPPER.createArrayNode();
    double best = Double.NaN;
    for (Trial t : in.trials()) {
      if (t.state() == TrialState.COMPLETE && !Double.isNaN(t.value())) {
        complete.add(t.number());
        completeY.add(t.value());
        if (Double.isNaN(best) || in.direction().isBetter(t.value(), best)) {
          best = t.value();
        }
        bestX.add(t.number());
        bestY.add(best);
      } else {
        Optional<Rung> last = t.rungs().stream().filter(r -> !r.partial())
            .reduce((a, b) -> b);
        if (last.isPresent()) {
          otherX.add(t.number());
          otherY.add(last.get().value());
          otherText.add(t.state() + " after budget " + Format.number(last.get().budget()));
        }
      }
    }
    if (complete.isEmpty() && otherX.isEmpty()) {
      return Optional.empty();
    }
    ArrayNode data = Figures.MAPPER.createArrayNode();
    ObjectNode done = data.addObject().put("type", "scatter").put("mode", "markers")
        .put("name", "complete");
    done.set("x", complete);
    done.set("y", completeY);
    done.putObject("marker").put("size", 8).put("color", "#1f77b4");
    ObjectNode line = data.addObject().put("type", "scatter").put("mode", "lines")
        .put("name", "best so far");
    line.set("x", bestX);
    line.set("y", bestY);
    line.putObject("line").put("shape", "hv").put("color", "#d62728");
    if (!otherX.isEmpty()) {
      ObjectNode other = data.addObject().put("type", "scatter").put("mode", "markers")
          .put("name", "pruned or failed (last result)");
      other.set("x", otherX);
      other.set("y", otherY);
      other.set("text", otherText);
      other.putObject("marker").put("size", 6).put("color", "#aaaaaa");
    }
    return Optional.of(Figures.figure(data, "Optimisation history", "trial",
        Figures.metricTitle(in)));
  }
}
