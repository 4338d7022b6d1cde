package org.sparktune.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions a result was produced with: this library, Spark, Scala and Java. */
public final class Versions {

  private static final String LIBRARY = readLibraryVersion();

  private Versions() {}

  /** This library's version, from the build. */
  public static String library() {
    return LIBRARY;
  }

  /** The Spark version on the classpath. */
  public static String spark() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** The running Java version. */
  public static String java() {
    return System.getProperty("java.version");
  }

  private static String readLibraryVersion() {
    try (InputStream in = Versions.class.getResourceAsStream(
        "/org/sparktune/sparktune-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
