package org.sparktune.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The page's scripts and styles, read from the classpath: Plotly from its webjar
 * ({@code org.webjars.npm:plotly.js-dist}), and the report's own CSS and JS beside this class.
 * The thread's context class loader is tried first (a notebook adds jars there), then this
 * class's.
 */
final class Resources {

  private static final String PLOTLY_POM =
      "META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";
  private static volatile String plotly;

  private Resources() {}

  /** Plotly's JavaScript, read once and kept. */
  static String plotly() {
    String js = plotly;
    if (js == null) {
      String version = plotlyVersion();
      js = read("META-INF/resources/webjars/plotly.js-dist/" + version + "/plotly.js");
      // Inlined in a script element, the text must not close it; Plotly 3.3.1 has no such
      // text, and a later version with one keeps working.
      js = js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
      plotly = js;
    }
    return js;
  }

  /** The version of the Plotly webjar on the classpath. */
  static String plotlyVersion() {
    Properties pom = new Properties();
    try (InputStream in = open(PLOTLY_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PLOTLY_POM, e);
    }
    return pom.getProperty("version");
  }

  /** The report's own resource {@code name} (report.css, report.js). */
  static String own(String name) {
    return read("org/sparktune/report/" + name);
  }

  private static String read(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
    }
  }

  private static InputStream open(String name) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    InputStream in = context == null ? null : context.getResourceAsStream(name);
    if (in == null) {
      in = Resources.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null && name.contains("plotly")) {
      throw new IllegalStateException("the study report needs Plotly (" + name + ") on the"
          + " classpath, which is missing; add the dependency org.webjars.npm:plotly.js-dist"
          + " (3.3.1) next to sparktune.");
    }
    if (in == null) {
      throw new IllegalStateException("the study report's " + name + " is missing from the"
          + " classpath: sparktune's jar is incomplete; use the jar the build produced.");
    }
    return in;
  }
}
