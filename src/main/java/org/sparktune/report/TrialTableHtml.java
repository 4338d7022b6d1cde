package org.sparktune.report;

import java.time.Duration;
import org.sparktune.space.Dimension;
import org.sparktune.study.Rung;
import org.sparktune.study.Trial;

/**
 * Every trial as an HTML table: number, state, one column a parameter, metric, the budget it
 * reached, each rung's result, duration and error. The best trial's row is marked.
 */
final class TrialTableHtml {

  private TrialTableHtml() {}

  /** The table of {@code in}'s trials. */
  static String build(ReportInput in) {
    StringBuilder out = new StringBuilder();
    out.append("<table class=\"trials\" id=\"trial-table\">\n<thead><tr><th>trial</th>"
        + "<th>state</th>");
    for (Dimension d : in.space().dimensions()) {
      out.append("<th>").append(Html.text(d.name())).append("</th>");
    }
    out.append("<th>").append(Html.text(in.metricName())).append("</th><th>budget reached</th>"
        + "<th>rungs (rung @ budget: metric)</th><th>duration (s)</th><th>error</th></tr>"
        + "</thead>\n<tbody>\n");
    for (Trial t : in.trials()) {
      boolean best = t.number() == in.bestTrial();
      out.append("<tr data-trial=\"").append(t.number()).append("\" class=\"")
          .append(t.state().name().toLowerCase(java.util.Locale.ROOT))
          .append(best ? " best" : "").append("\"><td>").append(t.number())
          .append(best ? " \u2605" : "").append("</td><td>").append(t.state()).append("</td>");
      for (Dimension d : in.space().dimensions()) {
        out.append("<td>").append(Html.text(Format.value(t.params().get(d.name()))))
            .append("</td>");
      }
      out.append("<td class=\"num\">").append(Format.number(t.value())).append("</td>")
          .append("<td class=\"num\">").append(Format.number(t.budget())).append("</td><td>");
      for (Rung r : t.rungs()) {
        out.append("<div>").append(r.rung()).append(" @ ").append(Format.number(r.budget()))
            .append(": ").append(Format.number(r.value()));
        if (r.iterations() != null) {
          out.append(" (").append(r.iterations()).append(" iterations)");
        }
        if (r.partial()) {
          out.append(" (partial: ").append(r.foldValues().size()).append(" folds)");
        }
        out.append("</div>");
      }
      out.append("</td><td class=\"num\">").append(Format.number(seconds(t)))
          .append("</td><td class=\"error\">").append(Html.text(t.error()))
          .append("</td></tr>\n");
    }
    return out.append("</tbody>\n</table>\n").toString();
  }

  private static double seconds(Trial t) {
    if (t.start() == null || t.end() == null) {
      return Double.NaN;
    }
    return Duration.between(t.start(), t.end()).toMillis() / 1000.0;
  }
}
