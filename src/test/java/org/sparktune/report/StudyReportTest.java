package org.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.TunedModel;
import org.sparktune.study.Direction;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.SparkTestSession;

/** The report's page on a real search with successive halving, and on hostile text. */
@Timeout(900)
class StudyReportTest {

  private static final Pattern FIGURE = Pattern.compile(
      "<script type=\"application/json\" id=\"fig-([a-z0-9-]+)\">(.*?)</script>", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private static Map<String, JsonNode> figures(String html) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    Matcher m = FIGURE.matcher(html);
    while (m.find()) {
      out.put(m.group(1), JSON.readTree(m.group(2)));
    }
    return out;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void thePageShowsEveryTrialTheSummaryAndEveryPlot() throws Exception {
    TunedModel model = ReportFixture.model();
    String html = model.reportHtml();
    List<Trial> trials = model.trialList();
    assertEquals(9, trials.size());
    for (Trial t : trials) {
      assertTrue(html.contains("<tr data-trial=\"" + t.number() + "\" class=\""
          + t.state().name().toLowerCase() + (t.number() == model.bestTrial().number()
          ? " best" : "") + "\">"), "row of trial " + t.number());
      assertTrue(html.contains("<div>0 @ 0.111111: " + Format.number(t.rungs().get(0).value())
          + "</div>"), "first rung of trial " + t.number());
    }
    assertTrue(html.contains("<dt>best trial</dt><dd>trial " + model.bestTrial().number()
        + ": areaUnderROC = " + Format.number(model.bestMetric()) + "</dd>"));
    assertTrue(html.contains("<dt>budget judged on</dt><dd>1 (fraction"));
    assertTrue(html.contains("<dt>stop reason</dt><dd>" + model.stopReason() + "</dd>"));
    assertTrue(html.contains("<dt>trials</dt><dd>9 in all, 1 COMPLETE, 8 PRUNED</dd>"));
    assertTrue(html.contains("<dt>scheduler</dt><dd><code>" + Html.text(
        model.provenance().get("scheduler")) + "</code>"));
    assertTrue(html.contains("<dt>sampler</dt><dd><code>{&quot;name&quot;:&quot;tpe"), html
        .substring(html.indexOf("<dt>sampler")).substring(0, 120));
    assertFalse(html.contains("<script src"), "the page loads no script from elsewhere");
    assertTrue(html.contains("plotly.js v3.3.1"));

    Map<String, JsonNode> figs = figures(html);
    assertEquals(List.of("history", "importance", "parallel", "rungs", "slice-0", "slice-1",
        "slice-2"), figs.keySet().stream().sorted().toList());
    for (String id : figs.keySet()) {
      assertTrue(html.contains("<div class=\"plot\" id=\"plot-" + id + "\" data-figure=\"fig-"
          + id + "\"></div>"), id);
    }
    // Every trial is a line of the rung view, the pruned ones dotted, at the three budgets.
    JsonNode rungs = figs.get("rungs").get("data");
    assertEquals(9, rungs.size());
    assertEquals(8, count(rungs.toString(), "\"dash\":\"dot\""));
    assertEquals("log", figs.get("rungs").at("/layout/xaxis/type").asText());
    // Slices: regParam on a log axis, standardization on its categories.
    assertEquals("regParam (log scale)", figs.get("slice-0").at("/layout/xaxis/title/text")
        .asText());
    assertEquals("log", figs.get("slice-0").at("/layout/xaxis/type").asText());
    assertTrue(figs.get("slice-1").at("/layout/xaxis/type").isMissingNode());
    assertEquals("category", figs.get("slice-2").at("/layout/xaxis/type").asText());
    assertEquals(9, figs.get("slice-0").at("/data/0/x").size(), "all 9 trials at 1/9");
    // Importance: every param, summing to 1, with the method stated.
    JsonNode bars = figs.get("importance").at("/data/0");
    assertEquals(List.of("elasticNetParam", "regParam", "standardization"),
        JSON.convertValue(bars.get("y"), List.class).stream().sorted().toList());
    double sum = 0;
    for (JsonNode x : bars.get("x")) {
      sum += x.asDouble();
    }
    assertEquals(1.0, sum, 1e-9);
    assertTrue(html.contains("<p class=\"note\" id=\"importance-method\">How it was computed:"
        + " an MLlib RandomForestRegressor (100 trees, depth 5, seed 5) fitted on the 9 trials"
        + " with a result at budget 0.111111,"));
    // The history: the one complete trial, the pruned ones' last results.
    assertEquals(1, figs.get("history").at("/data/0/x").size());
    assertEquals(8, figs.get("history").at("/data/2/x").size());
  }

  @Test
  void hostileTextIsEscapedEverywhere() throws Exception {
    SparkTestSession.get();
    String html = StudyReport.html(ReportInput.fromStudy(ReportFixture.hostile(),
        "<i>loss</i>"));
    assertFalse(html.contains("<b>"), "no markup from user text");
    assertFalse(html.contains("<i>"));
    assertFalse(html.contains("alert(1)</script>"));
    assertEquals(count(html, "<script"), count(html, "</script>"), "every script element"
        + " ends where it should");
    assertTrue(html.contains("<td class=\"error\">boom &lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"
        + "&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    assertTrue(html.contains("<title>sparktune study: study&lt;/script&gt;&lt;b&gt;"));
    assertTrue(html.contains("<th>x&quot;&#39;&lt;i&gt;&lt;/script&gt;"));
    Map<String, JsonNode> figs = figures(html);
    // Plotly shows a label's tags as written only when they arrive escaped.
    assertEquals("kind&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        figs.get("slice-1").at("/layout/xaxis/title/text").asText());
    assertEquals("&lt;b&gt;a&lt;/b&gt;", figs.get("slice-1")
        .at("/layout/xaxis/categoryarray/0").asText());
    assertEquals("b&amp;amp;", figs.get("slice-1").at("/layout/xaxis/categoryarray/1")
        .asText());
    assertTrue(figs.containsKey("importance"), "9 complete trials are enough");
    assertFalse(figs.containsKey("rungs"), "one budget: no rung view");
    assertTrue(html.contains("Every trial ran at one budget"));
  }

  @Test
  void writeReportWritesOneFileInNewFoldersAndRefusesAFolder() throws Exception {
    TunedModel model = ReportFixture.model();
    Path file = dir.resolve("a").resolve("b").resolve("report.html");
    model.writeReport(file.toString());
    String written = Files.readString(file);
    assertTrue(written.startsWith("<!DOCTYPE html>"));
    assertEquals(9, count(written, "<tr data-trial="));
    assertTrue(Files.size(file) > 10_000_000, "Plotly is inlined: " + Files.size(file));
    IllegalArgumentException folder = assertThrows(IllegalArgumentException.class,
        () -> model.writeReport(dir.toString()));
    assertEquals("the report path " + dir + " is a folder; give the path of an HTML file to"
        + " write in it, e.g. " + dir.resolve("report.html") + ".", folder.getMessage());
  }

  @Test
  void aStudyLogGivesTheSameTrialsAsTheModel() throws Exception {
    TunedModel model = ReportFixture.model();
    ReportInput in = StudyReport.fromStudyLog(SparkTestSession.get(),
        ReportFixture.logPath(), ReportFixture.STUDY);
    assertEquals(model.trialList(), in.trials());
    assertEquals(model.bestTrial().number(), in.bestTrial());
    assertEquals("areaUnderROC", in.metricName());
    assertEquals(Direction.MAXIMIZE, in.direction());
    assertEquals(model.searchSpace().dimensions(), in.space().dimensions());
    Path out = dir.resolve("from-log.html");
    StudyReport.writeFromStudyLog(SparkTestSession.get(), ReportFixture.logPath(),
        ReportFixture.STUDY, out.toString());
    String html = Files.readString(out);
    assertEquals(9, count(html, "<tr data-trial="));
    assertTrue(html.contains("<dt>read from</dt><dd>study log " + ReportFixture.logPath()));
    assertTrue(html.contains("<dt>sampler</dt><dd>not recorded</dd>"));
    assertEquals(8, in.trials().stream().filter(t -> t.state() == TrialState.PRUNED).count());
  }

  @Test
  void aMissingLogOrStudyIsRefusedNamingTheFix() {
    TunedModel model = ReportFixture.model();
    String missing = dir.resolve("nothing").toString();
    IllegalArgumentException noLog = assertThrows(IllegalArgumentException.class,
        () -> StudyReport.fromStudyLog(SparkTestSession.get(), missing, "x"));
    assertEquals("the study log " + missing + " does not exist or is not a Delta table; give"
        + " the path the study logged to (setStudyLog, or 'studyLog' in the config).",
        noLog.getMessage());
    assertFalse(Files.exists(Path.of(missing)), "reading creates no log");
    IllegalArgumentException noStudy = assertThrows(IllegalArgumentException.class,
        () -> StudyReport.fromStudyLog(SparkTestSession.get(), ReportFixture.logPath(),
            "churn"));
    assertEquals("the study log " + ReportFixture.logPath() + " has no study 'churn'; its"
        + " studies are [" + ReportFixture.STUDY + "]. Give one of them.",
        noStudy.getMessage());
    assertEquals(9, model.trialList().size());
  }
}
