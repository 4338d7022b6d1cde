package org.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparktune.testing.SparkTestSession;

/**
 * The written report opened in headless Chromium: every plot draws (Plotly's {@code .main-svg}
 * in each plot div, which the page's script marks) and no script error is recorded; a
 * screenshot is kept at {@code target/report/study-report.png}. Skipped without a {@code
 * chromium} on the PATH unless {@code SPARKTUNE_REQUIRE_BROWSER} is set, as CI sets it.
 */
@Timeout(900)
class StudyReportBrowserTest {

  private static final Path OUT = Path.of("target", "report");
  private static final long BROWSER_SECONDS = 240;
  private static final Pattern PLOT_DIV = Pattern.compile(
      "<div class=\"plot(?: [^\"]*)?\" id=\"([^\"]+)\"([^>]*)>");

  private static Path chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    if (System.getenv("SPARKTUNE_REQUIRE_BROWSER") != null) {
      fail("SPARKTUNE_REQUIRE_BROWSER is set but no chromium is on the PATH; install it"
          + " (apt-get install -y chromium), as .ci/run does.");
    }
    Assumptions.assumeTrue(false, "no chromium on the PATH; the browser test is skipped");
    return null;
  }

  /** Runs Chromium headless with {@code args}, bounded in time; returns its stdout. */
  private static String run(Path chromium, Path profile, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(args);
    Path stdout = Files.createTempFile(profile, "stdout", ".txt");
    Path stderr = Files.createTempFile(profile, "stderr", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    try {
      if (!process.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
        fail("chromium did not finish in " + BROWSER_SECONDS + " s: " + command);
      }
      assertEquals(0, process.exitValue(), "chromium failed: " + Files.readString(stderr));
      return Files.readString(stdout);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The page's DOM once its scripts ran, kept beside it as {@code name.dom.html}. */
  private static String dom(Path chromium, Path page, String name) throws Exception {
    Path profile = Files.createTempDirectory("sparktune-chromium");
    String dom = run(chromium, profile, List.of("--virtual-time-budget=60000",
        "--run-all-compositor-stages-before-draw", "--dump-dom", page.toUri().toString()));
    Files.writeString(OUT.resolve(name + ".dom.html"), dom);
    return dom;
  }

  private static String errors(String dom) {
    Matcher errors = Pattern.compile("<ol id=\"report-errors\"[^>]*>(.*?)</ol>",
        Pattern.DOTALL).matcher(dom);
    assertTrue(errors.find(), "no error list in the DOM");
    return errors.group(1);
  }

  private static void checkDrawn(Path chromium, Path page, String name) throws Exception {
    String dom = dom(chromium, page, name);
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
    assertTrue(body.find(), "no body in the DOM of " + page);
    String bodyAttributes = body.group(1);
    assertTrue(bodyAttributes.contains("data-report-done=\"true\""), "the page's script did"
        + " not finish: " + bodyAttributes);
    assertEquals("", errors(dom), "script errors in " + page);
    Matcher plots = PLOT_DIV.matcher(dom);
    int count = 0;
    while (plots.find()) {
      count++;
      assertTrue(plots.group(2).contains("data-drawn=\"true\""), "plot " + plots.group(1)
          + " did not draw");
    }
    String source = Files.readString(page);
    int written = source.split("<div class=\"plot\" id=", -1).length - 1;
    assertTrue(written >= 5, "plots in the page: " + written);
    assertEquals(written, count, "plots in the DOM");
    assertTrue(bodyAttributes.contains("data-plots-drawn=\"" + count + "\""), bodyAttributes);
    assertTrue(dom.contains("class=\"main-svg\""), "Plotly drew no svg");
  }

  @Test
  void everyPlotDrawsWithoutAScriptErrorInHeadlessChromium() throws Exception {
    Path chromium = chromium();
    Files.createDirectories(OUT);
    Path page = OUT.resolve("study-report.html").toAbsolutePath();
    ReportFixture.model().writeReport(page.toString());
    checkDrawn(chromium, page, "study-report");
    Path shot = OUT.resolve("study-report.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    run(chromium, Files.createTempDirectory("sparktune-chromium"), List.of(
        "--virtual-time-budget=60000", "--hide-scrollbars", "--window-size=1400,5200",
        "--screenshot=" + shot, page.toUri().toString()));
    assertTrue(Files.size(shot) > 50_000, "screenshot " + shot + ": " + Files.size(shot));
  }

  @Test
  void aHostileStudyDrawsAndInjectsNothing() throws Exception {
    Path chromium = chromium();
    SparkTestSession.get();
    Files.createDirectories(OUT);
    Path page = OUT.resolve("hostile-report.html").toAbsolutePath();
    StudyReport.write(ReportInput.fromStudy(ReportFixture.hostile(), "<i>loss</i>"),
        page.toString());
    checkDrawn(chromium, page, "hostile-report");
    String dom = Files.readString(OUT.resolve("hostile-report.dom.html"));
    Optional<String> injected = List.of("<b>", "<i>").stream().filter(dom::contains)
        .findFirst();
    assertTrue(injected.isEmpty(), "user text became markup: " + injected);
  }

  @Test
  void aFigureThatCannotDrawAndAScriptErrorAreRecordedInThePage() throws Exception {
    Path chromium = chromium();
    SparkTestSession.get();
    Files.createDirectories(OUT);
    String html = StudyReport.html(ReportInput.fromStudy(ReportFixture.hostile(), "loss"));
    String open = "<script type=\"application/json\" id=\"fig-slice-0\">";
    Path page = OUT.resolve("broken-report.html").toAbsolutePath();
    Files.writeString(page, html.replace(open, open + "{broken").replace("<footer>",
        "<script>notAFunction();</script><footer>"));
    String dom = dom(chromium, page, "broken-report");
    String errors = errors(dom);
    assertTrue(errors.contains("<li>plot plot-slice-0 failed: SyntaxError"), errors);
    assertTrue(errors.contains("notAFunction is not defined"), errors);
    assertEquals(1, errors.split("notAFunction", -1).length - 1, errors);
    Matcher slice = Pattern.compile("<div class=\"plot[^\"]*\" id=\"plot-slice-0\"([^>]*)>")
        .matcher(dom);
    assertTrue(slice.find());
    assertTrue(!slice.group(1).contains("data-drawn"), slice.group(1));
  }
}
