package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The trials of a study as a table on the console, best first: trial, status, each param,
 * metric, data fraction reached, duration and (cut short) error. Trials are driver-side
 * metadata, so the rows shown are collected.
 */
final class Leaderboard {

  private static final List<String> SHOWN_AFTER = List.of("metric", "budget",
      "durationSeconds", "error");

  private Leaderboard() {}

  /** Prints the {@code limit} best rows of {@code trials} (a trials DataFrame). */
  static void print(PrintWriter out, Dataset<Row> trials, boolean largerBetter, int limit) {
    List<String> names = Arrays.asList(trials.columns());
    List<String> shown = new ArrayList<>(List.of("trial", "status"));
    int first = names.indexOf("status") + 1;
    int metric = names.indexOf("metric");
    if (first > 0 && metric > first) {
      shown.addAll(names.subList(first, metric));
    }
    for (String c : SHOWN_AFTER) {
      if (names.contains(c)) {
        shown.add(c);
      }
    }
    Column order = largerBetter ? functions.col("metric").desc_nulls_last()
        : functions.col("metric").asc_nulls_last();
    List<Row> rows = trials.orderBy(order, functions.col("trial"))
        .select(shown.stream().map(functions::col).toArray(Column[]::new))
        .limit(limit).collectAsList();
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < shown.size(); i++) {
        line.add(cell(r.get(i)));
      }
      cells.add(line);
    }
    table(out, shown, cells);
    long total = trials.count();
    if (total > rows.size()) {
      out.println("  (" + (total - rows.size()) + " more trials)");
    }
  }

  /** Prints {@code header} and {@code rows} as aligned columns. */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    out.println("  " + join(header, widths));
    for (List<String> r : rows) {
      out.println("  " + join(r, widths));
    }
    out.flush();
  }

  private static String join(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(i)));
      if (i < cells.size() - 1) {
        b.append("  ");
      }
    }
    return b.toString().stripTrailing();
  }

  static String cell(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e6 || d == 0
          ? String.format(Locale.ROOT, "%.4f", d) : String.format(Locale.ROOT, "%.3g", d);
    }
    String s = v.toString().replace('\n', ' ');
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
