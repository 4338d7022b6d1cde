package org.sparktune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sparktune.search.GpSampler;
import org.sparktune.search.QmcSampler;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.Sampler;
import org.sparktune.search.Samplers;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/**
 * Samplers on standard test functions, no Spark: for each function and sampler, {@code seeds}
 * studies of {@code trials} trials; simple regret (best so far minus the minimum) after 10, 25,
 * 50 and 100 trials as median [q1, q3] over seeds; the same with 4 trials in flight; and the
 * median ask() latency with 200 finished trials in 10 dimensions. Prints a Markdown table,
 * beside the peer's reference figures when their JSON is given.
 *
 * <p>Arguments: {@code --seeds 30 --trials 100 --only branin,mixed4 --reference
 * PATH/optuna_ref.json --json OUT --samplers random,qmc,tpe,tpe_mv,tpe_liar4}.
 */
public final class SamplerBenchmark {

  private static final int[] CHECKPOINTS = {10, 25, 50, 100};

  private SamplerBenchmark() {}

  static Map<String, Supplier<Sampler>> samplers() {
    Map<String, Supplier<Sampler>> s = new LinkedHashMap<>();
    s.put("random", RandomSampler::new);
    s.put("qmc", QmcSampler::new);
    s.put("tpe", TpeSampler::new);
    s.put("tpe_mv", () -> new TpeSampler().setMultivariate(true));
    s.put("gp", GpSampler::new);
    s.put("tpe_liar4", TpeSampler::new);
    s.put("tpe_mv_liar4", () -> new TpeSampler().setMultivariate(true));
    s.put("gp_liar4", GpSampler::new);
    s.put("tpe_norm", () -> new TpeSampler().setNormalizedKernels(true));
    s.put("tpe_mv_norm", () -> new TpeSampler().setMultivariate(true).setNormalizedKernels(true));
    return s;
  }

  /**
   * A named sampler, or a variant written {@code tpe:candidates=48:multivariate=true} (a
   * sampler name and options as Samplers reads them).
   */
  static Supplier<Sampler> sampler(String spec) {
    spec = spec.endsWith("@4") ? spec.substring(0, spec.length() - 2) : spec;
    Supplier<Sampler> named = samplers().get(spec);
    if (named != null) {
      return named;
    }
    String[] parts = spec.split(":");
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      config.put(kv[0], kv[1].equals("true") || kv[1].equals("false")
          ? (Object) Boolean.valueOf(kv[1])
          : kv[1].matches("-?\\d+") ? (Object) Long.valueOf(kv[1]) : Double.valueOf(kv[1]));
    }
    Samplers.fromConfig(parts[0], config); // fails at once on a bad option
    return () -> Samplers.fromConfig(parts[0], config);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opt.put(args[i].substring(2), args[i + 1]);
    }
    int seeds = Integer.parseInt(opt.getOrDefault("seeds", "30"));
    int trials = Integer.parseInt(opt.getOrDefault("trials", "100"));
    List<String> only = opt.containsKey("only") ? List.of(opt.get("only").split(",")) : null;
    List<String> which = List.of(opt.getOrDefault("samplers",
        String.join(",", samplers().keySet())).split(","));
    JsonNode reference = opt.containsKey("reference")
        && new File(opt.get("reference")).exists()
        ? new ObjectMapper().readTree(new File(opt.get("reference"))).path("results") : null;
    Map<String, Object> out = new LinkedHashMap<>();
    for (TestFunctions fn : TestFunctions.all()) {
      if (only != null && !only.contains(fn.name())) {
        continue;
      }
      System.out.println("\n## " + fn.name() + "\n");
      System.out.println("| sampler | regret@10 | regret@25 | regret@50 | regret@100 |"
          + " ms/ask |");
      System.out.println("|---|---|---|---|---|---|");
      Map<String, Object> perSampler = new LinkedHashMap<>();
      for (String name : which) {
        Supplier<Sampler> sampler = sampler(name);
        int inFlight = name.endsWith("_liar4") || name.endsWith("@4") ? 4 : 1;
        double[][] regret = new double[CHECKPOINTS.length][seeds];
        double askNanos = 0;
        for (int s = 1; s <= seeds; s++) {
          Run run = run(fn, sampler.get(), s, trials, inFlight);
          for (int k = 0; k < CHECKPOINTS.length; k++) {
            regret[k][s - 1] = run.best[Math.min(trials, CHECKPOINTS[k]) - 1] - fn.minimum();
          }
          askNanos += run.askNanos;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder("| " + name + " |");
        for (int k = 0; k < CHECKPOINTS.length; k++) {
          double[] q = quartiles(regret[k]);
          row.put(String.valueOf(CHECKPOINTS[k]), Map.of("median", q[1], "q1", q[0], "q3", q[2],
              "perSeed", regret[k]));
          line.append(" ").append(fmt(q[1])).append(" [").append(fmt(q[0])).append(", ")
              .append(fmt(q[2])).append("]").append(ref(reference, fn.name(), name,
                  CHECKPOINTS[k])).append(" |");
        }
        double msPerAsk = askNanos / 1e6 / seeds / trials;
        row.put("msPerAsk", msPerAsk);
        line.append(String.format(" %.2f |", msPerAsk));
        System.out.println(line);
        perSampler.put(name, row);
      }
      out.put(fn.name(), perSampler);
    }
    out.put("askLatency200x10", askLatency(which));
    if (opt.containsKey("json")) {
      File file = new File(opt.get("json"));
      if (file.getParentFile() != null) {
        file.getParentFile().mkdirs();
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file, out);
    }
  }

  /** The peer's median at a checkpoint for the matching sampler, as " (peer: x)". */
  private static String ref(JsonNode reference, String fn, String sampler, int k) {
    if (reference == null) {
      return "";
    }
    String peer = sampler.startsWith("tpe_mv") ? "tpe_mv" : sampler.startsWith("tpe")
        || sampler.startsWith("gp") ? "tpe"
        : sampler.equals("qmc") ? "qmc_sobol_scr" : sampler;
    JsonNode m = reference.path(fn).path(peer).path("regret").path(String.valueOf(k))
        .path("median");
    return m.isMissingNode() ? "" : " (peer " + fmt(m.asDouble()) + ")";
  }

  private static String fmt(double v) {
    return Math.abs(v) >= 1000 || (Math.abs(v) < 1e-3 && v != 0)
        ? String.format("%.3g", v) : String.format("%.4g", v);
  }

  /** Results of one study. */
  private record Run(double[] best, long askNanos) {}

  /** One study; with {@code inFlight} > 1, that many trials are asked before the oldest is told. */
  static Run run(TestFunctions fn, Sampler sampler, long seed, int trials, int inFlight) {
    Study study = Study.create(fn.space(), sampler, Direction.MINIMIZE, seed);
    double[] best = new double[trials];
    double bestSoFar = Double.POSITIVE_INFINITY;
    Deque<Trial> running = new ArrayDeque<>();
    long askNanos = 0;
    int told = 0;
    int asked = 0;
    while (told < trials) {
      while (asked < trials && running.size() < inFlight) {
        long t0 = System.nanoTime();
        running.add(study.ask());
        askNanos += System.nanoTime() - t0;
        asked++;
      }
      Trial t = running.poll();
      double y = fn.f().applyAsDouble(t.params());
      study.tell(t, y);
      bestSoFar = Math.min(bestSoFar, y);
      best[told++] = bestSoFar;
    }
    return new Run(best, askNanos);
  }

  /** Median ask() time in ms with 200..249 finished trials in a 10-d space, per sampler. */
  static Map<String, Double> askLatency(List<String> which) {
    SearchSpace space = new SearchSpace();
    for (int i = 0; i < 10; i++) {
      space.uniform("x" + i, -5, 5);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : which) {
      if (name.endsWith("_liar4")) {
        continue;
      }
      Study study = Study.create(space, sampler(name).get(), Direction.MINIMIZE, 1);
      double[] times = new double[50];
      for (int i = 0; i < 250; i++) {
        long t0 = System.nanoTime();
        Trial t = study.ask();
        long dt = System.nanoTime() - t0;
        if (i >= 200) {
          times[i - 200] = dt / 1e6;
        }
        double y = 0;
        for (Object v : t.params().values()) {
          y += (Double) v * (Double) v;
        }
        study.tell(t, y);
      }
      Arrays.sort(times);
      out.put(name, (times[24] + times[25]) / 2);
      System.out.printf("ask() with 200-249 finished trials in 10-d, %s: median %.3f ms%n",
          name, out.get(name));
    }
    return out;
  }

  /** q1, median, q3 with linear interpolation (numpy's default percentile). */
  static double[] quartiles(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return new double[] {percentile(v, 25), percentile(v, 50), percentile(v, 75)};
  }

  private static double percentile(double[] sorted, double p) {
    double pos = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
