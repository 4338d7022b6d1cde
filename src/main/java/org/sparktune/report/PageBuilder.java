package org.sparktune.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.sparktune.internal.Versions;
import org.sparktune.space.Dimension;

/**
 * Puts the page together: head (styles, the error recorder, Plotly), one section a part, the
 * trial table, and the script that draws the figures. Each figure is a div and a JSON script
 * element beside it; a part with nothing to show says why in a note.
 */
final class PageBuilder {

  private final ReportInput in;
  private final StringBuilder out = new StringBuilder(1 << 16);

  private PageBuilder(ReportInput in) {
    this.in = in;
  }

  /** The page of {@code in}. */
  static String build(ReportInput in) {
    return new PageBuilder(in).page();
  }

  private String page() {
    Scores scores = Scores.of(in);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"sparktune ")
        .append(Html.text(Versions.library())).append("\">\n<title>sparktune study: ")
        .append(Html.text(in.studyName())).append("</title>\n<style>\n")
        .append(Resources.own("report.css")).append("</style>\n<script>\n")
        .append(Resources.own("report-errors.js")).append("</script>\n<script>\n")
        .append(Resources.plotly()).append("\n</script>\n</head>\n<body>\n<h1>Study ")
        .append(Html.text(in.studyName())).append("</h1>\n")
        .append("<ol id=\"report-errors\" hidden></ol>\n");
    section("summary", "Summary");
    out.append(SummaryHtml.build(in));
    section("history", "Optimisation history");
    figure("history", HistoryFigure.build(in), "No trial has a result yet.");
    section("rungs", "Rungs and budgets");
    figure("rungs", RungFigure.build(in), "Every trial ran at one budget: the study used no"
        + " multi-fidelity schedule, so there are no rungs to compare.");
    section("parallel", "Parallel coordinates");
    figure("parallel", ParallelFigure.build(in, scores),
        "Fewer than two trials have a result at one budget.");
    importance(scores);
    slices(scores);
    section("trials", "Trials");
    out.append(TrialTableHtml.build(in));
    out.append("<footer>Written by sparktune ").append(Html.text(Versions.library()))
        .append(" with Plotly ").append(Html.text(Resources.plotlyVersion()))
        .append(" inlined: this file needs no network.</footer>\n<script>\n")
        .append(Resources.own("report.js")).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private void importance(Scores scores) {
    section("importance", "Parameter importance");
    SurrogateImportance.Result result = SurrogateImportance.of(in, scores);
    if (result.skipped() != null) {
      note("No importance: " + Html.text(result.skipped()));
      return;
    }
    out.append("<p class=\"note\" id=\"importance-method\">How it was computed: an MLlib"
        + " RandomForestRegressor (").append(SurrogateImportance.TREES).append(" trees, depth ")
        .append(SurrogateImportance.DEPTH).append(", seed ").append(result.seed())
        .append(") fitted on the ").append(result.rows()).append(" trials with a result at"
        + " budget ").append(scores.budgetText()).append(", one feature a parameter (a"
        + " categorical parameter as a categorical feature; a parameter that did not apply to a"
        + " trial as a value of its own), the metric as label. A parameter's importance is the"
        + " forest's mean decrease in impurity over its splits, normalised to sum to 1: how"
        + " much the metric varied with it over these trials, not a causal effect.</p>\n");
    figure("importance", Optional.of(ImportanceFigure.build(result, scores)), "");
  }

  private void slices(Scores scores) {
    section("slices", "Slice plots");
    List<Dimension> dims = in.space().dimensions();
    if (dims.isEmpty()) {
      note("The search space has no dimension.");
      return;
    }
    note("Each plot shows the metric at budget " + Html.text(scores.budgetText())
        + " against one parameter; a log-scale parameter has a log axis.");
    out.append("<div class=\"slices\">\n");
    for (int i = 0; i < dims.size(); i++) {
      figure("slice-" + i, SliceFigure.build(in, scores, dims.get(i)),
          "No trial with a result has a value of " + Html.text(dims.get(i).name()) + ".");
    }
    out.append("</div>\n");
  }

  private void section(String id, String title) {
    out.append("<h2 id=\"section-").append(id).append("\">").append(title).append("</h2>\n");
  }

  private void note(String html) {
    out.append("<p class=\"note\">").append(html).append("</p>\n");
  }

  /** The figure's div and JSON, or the note when there is no figure. */
  private void figure(String id, Optional<ObjectNode> figure, String noteHtml) {
    if (figure.isEmpty()) {
      note(noteHtml);
      return;
    }
    out.append("<div class=\"plot\" id=\"plot-").append(id).append("\" data-figure=\"fig-")
        .append(id).append("\"></div>\n<script type=\"application/json\" id=\"fig-")
        .append(id).append("\">").append(Html.scriptJson(Figures.json(figure.get())))
        .append("</script>\n");
  }
}
