package org.sparktune.report;

import java.util.Map;
import java.util.TreeMap;
import org.sparktune.study.Direction;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * The study's summary: name, metric and direction, the best trial, its params and the budget it
 * was judged on, why the study stopped, sampler and scheduler, trials by state, and the whole
 * provenance folded away.
 */
final class SummaryHtml {

  private SummaryHtml() {}

  /** The summary of {@code in}. */
  static String build(ReportInput in) {
    StringBuilder out = new StringBuilder("<dl class=\"summary\" id=\"summary\">\n");
    row(out, "study", Html.text(in.studyName()));
    row(out, "metric", Html.text(in.metricName()) + ", "
        + (in.direction() == Direction.MAXIMIZE ? "higher is better" : "lower is better"));
    Trial best = in.best();
    if (best == null) {
      row(out, "best trial", "none: no trial completed");
    } else {
      row(out, "best trial", "trial " + best.number() + ": " + Html.text(in.metricName())
          + " = " + Format.number(best.value()));
      StringBuilder params = new StringBuilder();
      for (Map.Entry<String, Object> p : best.params().entrySet()) {
        params.append(params.length() == 0 ? "" : ", ").append(Html.text(p.getKey()))
            .append(" = ").append(Html.text(Format.value(p.getValue())));
      }
      row(out, "best params", params.toString());
      row(out, "budget judged on", Format.number(best.lastRung().map(r -> r.budget())
          .orElse(Double.NaN)) + " (fraction of the full budget)");
    }
    row(out, "stop reason", Html.text(in.stopReason()));
    row(out, "sampler", code(in.provenance().get("sampler")));
    row(out, "scheduler", code(in.provenance().get("scheduler")));
    Map<TrialState, Integer> counts = new TreeMap<>();
    for (Trial t : in.trials()) {
      counts.merge(t.state(), 1, Integer::sum);
    }
    StringBuilder states = new StringBuilder(in.trials().size() + " in all");
    counts.forEach((state, n) -> states.append(", ").append(n).append(' ')
        .append(state.name()));
    row(out, "trials", states.toString());
    if (!in.source().isEmpty()) {
      row(out, "read from", Html.text(in.source()));
    }
    out.append("</dl>\n<details><summary>provenance</summary>\n<dl class=\"provenance\">\n");
    for (Map.Entry<String, String> p : in.provenance().entrySet()) {
      row(out, Html.text(p.getKey()), code(p.getValue()));
    }
    return out.append("</dl>\n</details>\n").toString();
  }

  private static String code(String value) {
    return value == null ? ReportInput.NOT_RECORDED : "<code>" + Html.text(value) + "</code>";
  }

  /** A term and its description, both already HTML. */
  private static void row(StringBuilder out, String term, String description) {
    out.append("<dt>").append(term).append("</dt><dd>").append(description).append("</dd>\n");
  }
}
