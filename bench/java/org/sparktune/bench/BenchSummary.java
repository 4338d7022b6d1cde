package org.sparktune.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The medians and the target check of {@link MultiFidelityBenchmark}, and the tables it prints.
 * A tool's figures are the medians over its runs; its ratio and Δ are against CrossValidator's
 * medians. The target: test metric at least CrossValidator's − {@value #MARGIN} in at most
 * {@value #TIME_RATIO} × its wall time.
 */
final class BenchSummary {

  static final double MARGIN = 0.002;
  static final double TIME_RATIO = 0.2;

  private BenchSummary() {}

  /** Per tool, in the order first run: medians, ratio and Δ to CV, and the target's verdict. */
  static Map<String, Map<String, Object>> summarise(List<Map<String, Object>> runs,
      boolean timeTarget) {
    Map<String, List<Map<String, Object>>> byTool = new LinkedHashMap<>();
    for (Map<String, Object> run : runs) {
      byTool.computeIfAbsent((String) run.get("tool"), k -> new ArrayList<>()).add(run);
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    List<Map<String, Object>> cv = byTool.get("cv");
    for (Map.Entry<String, List<Map<String, Object>>> e : byTool.entrySet()) {
      List<Map<String, Object>> mine = e.getValue();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("runs", mine.size());
      s.put("wallSeconds", median(mine, "wallSeconds"));
      s.put("executorSeconds", median(mine, "executorSeconds"));
      s.put("executorCpuSeconds", median(mine, "executorCpuSeconds"));
      s.put("trialsStarted", median(mine, "trialsStarted"));
      s.put("trialsFinished", median(mine, "trialsFinished"));
      s.put("trialsPruned", median(mine, "trialsPruned"));
      s.put("bestValidation", median(mine, "bestValidation"));
      s.put("testMetric", median(mine, "testMetric"));
      if (cv != null && !e.getKey().equals("cv")) {
        double ratio = median(mine, "wallSeconds") / median(cv, "wallSeconds");
        double delta = median(mine, "testMetric") - median(cv, "testMetric");
        s.put("wallRatioToCv", ratio);
        s.put("testDeltaToCv", delta);
        s.put("metricBoundMet", delta >= -MARGIN);
        if (timeTarget) {
          s.put("targetMet", delta >= -MARGIN && ratio <= TIME_RATIO);
        }
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  /** The summary as a table. */
  static void print(List<Map<String, Object>> runs, boolean timeTarget) {
    System.out.println();
    System.out.printf("%-10s %4s %9s %9s %15s %9s %9s %9s %8s %8s %s%n", "tool", "runs",
        "wall s", "exec s", "start/fin/prun", "best val", "test", "Δ test", "ratio", "budget",
        timeTarget ? "target (Δ ≥ -0.002, ratio ≤ 0.2)" : "metric bound (Δ ≥ -0.002)");
    summarise(runs, timeTarget).forEach((tool, s) -> {
      double budget = runs.stream().filter(r -> r.get("tool").equals(tool))
          .mapToDouble(r -> ((Number) r.get("bestBudget")).doubleValue()).max().orElse(1);
      System.out.printf("%-10s %4d %9.1f %9.1f %15s %9.5f %9.5f %9s %8s %8.4f %s%n", tool,
          (Integer) s.get("runs"), (Double) s.get("wallSeconds"),
          (Double) s.get("executorSeconds"),
          String.format("%.0f/%.0f/%.0f", (Double) s.get("trialsStarted"),
              (Double) s.get("trialsFinished"), (Double) s.get("trialsPruned")),
          (Double) s.get("bestValidation"), (Double) s.get("testMetric"),
          s.containsKey("testDeltaToCv") ? String.format("%+.5f", s.get("testDeltaToCv")) : "—",
          s.containsKey("wallRatioToCv") ? String.format("%.3f", s.get("wallRatioToCv")) : "—",
          budget, s.containsKey("targetMet") ? s.get("targetMet")
              : s.getOrDefault("metricBoundMet", "—"));
    });
  }

  /** The scaling runs: wall time and each rung's rows read. */
  @SuppressWarnings("unchecked")
  static void printScaling(List<Map<String, Object>> runs) {
    System.out.println();
    System.out.printf("%10s %9s  %s%n", "train rows", "wall s",
        "rungs: fraction → trials, rows read, span s");
    for (Map<String, Object> run : runs) {
      StringBuilder rungs = new StringBuilder();
      for (Map<String, Object> r : (List<Map<String, Object>>) run.get("rungs")) {
        rungs.append(String.format("%.4f → %d, %d, %.1f;  ", (Double) r.get("fraction"),
            (Long) r.get("trials"), ((Number) r.get("rowsRead")).longValue(),
            (Double) r.get("spanSeconds")));
      }
      System.out.printf("%10d %9.1f  %s%n", (Long) run.get("trainRows"),
          (Double) run.get("wallSeconds"), rungs);
    }
  }

  private static double median(List<Map<String, Object>> runs, String key) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Object> run : runs) {
      values.add(((Number) run.get(key)).doubleValue());
    }
    return Bench.median(values);
  }
}
