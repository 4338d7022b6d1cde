package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Parameter importance as horizontal bars, the most important at the top. */
final class ImportanceFigure {

  private ImportanceFigure() {}

  /** The bars of {@code result}, which must hold importances. */
  static ObjectNode build(SurrogateImportance.Result result, Scores scores) {
    ArrayNode x = Figures.MAPPER.createArrayNode();
    ArrayNode y = Figures.MAPPER.createArrayNode();
    // Plotly draws the first bar of a horizontal chart at the bottom.
    for (int i = result.names().size() - 1; i >= 0; i--) {
      x.add(result.importances().get(i));
      y.add(Html.plotText(result.names().get(i)));
    }
    ArrayNode data = Figures.MAPPER.createArrayNode();
    ObjectNode bars = data.addObject().put("type", "bar").put("orientation", "h");
    bars.set("x", x);
    bars.set("y", y);
    bars.putObject("marker").put("color", "#1f77b4");
    ObjectNode figure = Figures.figure(data, "Parameter importance (random-forest surrogate, "
        + result.rows() + " trials at budget " + scores.budgetText() + ")",
        "importance (mean decrease in impurity, sums to 1)", "");
    ObjectNode layout = (ObjectNode) figure.get("layout");
    ((ObjectNode) layout.get("yaxis")).put("type", "category").put("automargin", true);
    layout.put("height", Math.max(260, 60 + 36 * result.names().size()));
    return figure;
  }
}
