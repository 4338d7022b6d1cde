package org.sparktune.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.sparktune.delta.DeltaStudyLog;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialStore;

/**
 * What the Delta study log costs: {@code trials} trials asked and told (3 events each: CREATED,
 * RUNG_REPORTED, FINISHED) with no training, into the log and into memory; the time per event;
 * and the time a study takes to resume from the log (open it, read it, replay every event).
 *
 * <pre>
 * bench/run-studylog.sh --trials 1000 --log /tmp/sparktune-bench/studylog \
 *     --json bench/results/studylog_1000.json
 * </pre>
 */
public final class StudyLogOverhead {

  private StudyLogOverhead() {}

  private static final SearchSpace SPACE = new SearchSpace().logUniform("regParam", 1e-4, 1)
      .uniform("elasticNet", 0, 1).categorical("solver", "a", "b");

  public static void main(String[] args) throws IOException {
    Map<String, String> options = Bench.options(args);
    int trials = Integer.parseInt(options.getOrDefault("trials", "1000"));
    String log = options.getOrDefault("log", "/tmp/sparktune-bench/studylog");
    String json = options.getOrDefault("json", "bench/out/studylog.json");
    SparkSession spark = Bench.deltaSession();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trials", trials);
    out.put("inMemorySeconds", run(new InMemoryTrialStore(), trials, null, null, "bench"));
    String name = "bench-" + System.currentTimeMillis();
    List<Double> perEvent = new ArrayList<>();
    List<Double> perRefresh = new ArrayList<>();
    double seconds = run(DeltaStudyLog.open(spark, log, name), trials, perEvent, perRefresh,
        name);
    out.put("deltaSeconds", seconds);
    out.put("events", perEvent.size());
    out.put("medianEventMs", Bench.median(perEvent));
    out.put("meanEventMs", perEvent.stream().mapToDouble(Double::doubleValue).average()
        .orElse(0));
    perEvent.sort(null);
    out.put("p90EventMs", perEvent.get((int) (perEvent.size() * 0.9)));
    out.put("maxEventMs", perEvent.get(perEvent.size() - 1));
    out.put("medianRefreshMs", Bench.median(perRefresh));
    int tenth = Math.max(1, perRefresh.size() / 10);
    out.put("firstTenthRefreshMs", Bench.median(perRefresh.subList(0, tenth)));
    out.put("lastTenthRefreshMs",
        Bench.median(perRefresh.subList(perRefresh.size() - tenth, perRefresh.size())));
    long start = System.nanoTime();
    Study resumed = Study.create(name, SPACE, new RandomSampler(), Direction.MAXIMIZE, 5,
        DeltaStudyLog.open(spark, log, name));
    out.put("resumeSeconds", (System.nanoTime() - start) / 1e9);
    out.put("resumedTrials", resumed.trials().size());
    System.out.println(out);
    Bench.writeJson(json, out);
  }

  /**
   * Seconds for {@code trials} ask/tell rounds, each ask after a refresh as a study's loop does
   * (a shared log reads the other runs' events then); each append's and claim's ms into {@code
   * perEvent}, each refresh's into {@code perRefresh}.
   */
  private static double run(TrialStore store, int trials, List<Double> perEvent,
      List<Double> perRefresh, String name) {
    TrialStore timed = perEvent == null ? store : new TimedStore(store, perEvent);
    long start = System.nanoTime();
    Study study = Study.create(name, SPACE, new RandomSampler(), Direction.MAXIMIZE, 5,
        timed);
    for (int i = 0; i < trials; i++) {
      long r = System.nanoTime();
      study.refresh();
      if (perRefresh != null) {
        perRefresh.add((System.nanoTime() - r) / 1e6);
      }
      Trial t = study.ask();
      study.tell(t, Math.sin(i));
      if ((i + 1) % 100 == 0 && perEvent != null) {
        System.out.println((i + 1) + " trials, " + (System.nanoTime() - start) / 1e9 + " s");
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A store that passes every call on, timing each write. */
  private record TimedStore(TrialStore store, List<Double> perEvent) implements TrialStore {

    @Override
    public void append(TrialEvent event) {
      long t = System.nanoTime();
      store.append(event);
      perEvent.add((System.nanoTime() - t) / 1e6);
    }

    @Override
    public boolean claim(TrialEvent event, String key) {
      long t = System.nanoTime();
      boolean won = store.claim(event, key);
      perEvent.add((System.nanoTime() - t) / 1e6);
      return won;
    }

    @Override
    public List<TrialEvent> events() {
      return store.events();
    }

    @Override
    public boolean shared() {
      return store.shared();
    }

    @Override
    public Duration lease() {
      return store.lease();
    }
  }
}
