package org.sparktune.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.sparktune.space.Categorical;
import org.sparktune.space.Dimension;
import org.sparktune.space.FloatRange;
import org.sparktune.space.IntRange;

/**
 * What the figure builders share: Plotly figures as JSON ({@code {"data": [...], "layout":
 * {...}}}), axes and the plain numbers of parameter values. Every text a figure carries goes
 * through {@link Html#plotText}.
 */
final class Figures {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Figures() {}

  /** A figure of {@code data} with a title and two axis titles. */
  static ObjectNode figure(ArrayNode data, String title, String xTitle, String yTitle) {
    ObjectNode figure = MAPPER.createObjectNode();
    figure.set("data", data);
    ObjectNode layout = figure.putObject("layout");
    layout.putObject("title").put("text", Html.plotText(title));
    layout.putObject("xaxis").putObject("title").put("text", Html.plotText(xTitle));
    layout.putObject("yaxis").putObject("title").put("text", Html.plotText(yTitle));
    layout.putObject("margin").put("t", 48).put("r", 24);
    layout.put("hovermode", "closest");
    return figure;
  }

  /** A figure as JSON text. */
  static String json(ObjectNode figure) {
    try {
      return MAPPER.writeValueAsString(figure);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report figure could not be written as JSON", e);
    }
  }

  /** Whether {@code d}'s space puts its values on a log scale. */
  static boolean isLog(Dimension d) {
    return d.distribution() instanceof FloatRange r && r.log()
        || d.distribution() instanceof IntRange r2 && r2.log();
  }

  /** Whether {@code d} takes one of a list of values (its axis is a list of categories). */
  static boolean isCategorical(Dimension d) {
    return d.distribution() instanceof Categorical;
  }

  /** A sampled value as a number on a numeric axis, or null when it is none. */
  static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    return null;
  }

  /** The label of a category, escaped for Plotly. */
  static String category(Object value) {
    return Html.plotText(Format.value(value));
  }

  /** The y-axis title of the metric: its name and which way is better. */
  static String metricTitle(ReportInput in) {
    return in.metricName() + (in.direction() == org.sparktune.study.Direction.MAXIMIZE
        ? " (higher is better)" : " (lower is better)");
  }
}
