package org.sparktune.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the leaderboard the job prints ({@code Dataset.show} of the trials after the line
 * "leaderboard by METRIC"): one map per row, column name to the printed text, in printed order.
 */
public final class Leaderboard {

  private Leaderboard() {}

  /** The rows of the first table after the "leaderboard by" line of {@code printed}. */
  public static List<Map<String, String>> parse(String printed) {
    List<String> lines = printed.lines().toList();
    int at = 0;
    while (at < lines.size() && !lines.get(at).contains("leaderboard by")) {
      at++;
    }
    while (at < lines.size() && !lines.get(at).startsWith("+")) {
      at++;
    }
    if (at + 2 >= lines.size()) {
      throw new IllegalArgumentException("no leaderboard in the output:\n" + printed);
    }
    List<String> header = cells(lines.get(at + 1));
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = at + 3; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> values = cells(lines.get(i));
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), values.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    String[] parts = line.split("\\|", -1);
    for (int i = 1; i < parts.length - 1; i++) {
      out.add(parts[i].trim());
    }
    return out;
  }
}
