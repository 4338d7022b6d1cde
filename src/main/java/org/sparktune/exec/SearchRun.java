package org.sparktune.exec;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.search.Sampler;
import org.sparktune.space.ParamRef;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Folds;
import org.sparktune.split.Splitter;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.study.TrialStore;
import org.sparktune.study.TuningException;

/**
 * One search from data to best model: split once, prepare the folds (pipeline prefix fitted
 * once per fold), run the trials, refit the best params on all the data. Inputs are checked by
 * the caller before this runs; cached data is released before {@link #run} returns.
 *
 * @param estimator what each trial fits
 * @param evaluator how each fold is scored
 * @param space the space, bound to {@code estimator}
 * @param sampler proposes trials
 * @param splitter cuts the folds
 * @param store where trials are kept
 * @param maxTrials trials at most
 * @param parallelism trials at once
 * @param seed study seed
 * @param timeout wall-clock budget of the search, or null
 * @param refit whether to fit the best params on all the data
 */
public record SearchRun(Estimator<?> estimator, Evaluator evaluator, SearchSpace space,
    Sampler sampler, Splitter splitter, TrialStore store, int maxTrials, int parallelism,
    long seed, Duration timeout, boolean refit) {

  private static final Logger LOG = LoggerFactory.getLogger(SearchRun.class);

  /**
   * What a search produced.
   *
   * @param trials every trial, by number
   * @param best the best COMPLETE trial
   * @param bestModel the best params fitted on all the data, or null without refit
   * @param prefixFits how many times the pipeline prefix was fitted during the search
   */
  public record Outcome(List<Trial> trials, Trial best, Model<?> bestModel, int prefixFits) {}

  /** Runs the search on {@code data}. */
  public Outcome run(Dataset<Row> data) {
    Direction direction = evaluator.isLargerBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE;
    Study study = Study.create(space, sampler, direction, seed, store);
    SparkContext sc = data.sparkSession().sparkContext();
    PipelinePlan plan = PipelinePlan.of(estimator, tunedStages(space));
    int partitions = Math.max(1, sc.defaultParallelism() / parallelism);
    String studyId = UUID.randomUUID().toString().substring(0, 8);
    int prefixFits;
    ExecutorService foldPool = Executors.newFixedThreadPool(
        parallelism * splitter.numFolds(), daemon("sparktune-fold-"));
    try (Folds folds = splitter.split(data, seed);
        PreparedFolds prepared = PreparedFolds.prepare(folds, plan, partitions)) {
      prefixFits = prepared.prefixFits();
      FoldEvaluation evaluation = new FoldEvaluation(sc, prepared, plan, evaluator,
          t -> space.toParamMap(t.params()), studyId, foldPool);
      new TrialLoop(study, parallelism, maxTrials, timeout).run(evaluation, evaluation::cancel);
    } finally {
      foldPool.shutdownNow();
    }
    List<Trial> trials = study.trials();
    Optional<Trial> best = study.bestTrial();
    if (best.isEmpty()) {
      throw allFailed(trials);
    }
    Trial winner = best.get();
    LOG.info("Best trial {}: value={} params={}", winner.number(), winner.value(),
        winner.params());
    Model<?> bestModel = null;
    if (refit) {
      ParamMap params = space.toParamMap(winner.params());
      sc.setJobGroup("sparktune-" + studyId + "-refit",
          "sparktune refit of trial " + winner.number() + ": " + winner.params(), true);
      try {
        bestModel = estimator.fit(data, params);
      } finally {
        sc.clearJobGroup();
      }
    }
    return new Outcome(trials, winner, bestModel, prefixFits);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  private static Set<String> tunedStages(SearchSpace space) {
    Set<String> uids = new HashSet<>();
    for (ParamRef ref : space.paramRefs().values()) {
      uids.add(ref.stageUid());
    }
    return uids;
  }

  private static TuningException allFailed(List<Trial> trials) {
    Trial first = trials.stream().filter(t -> t.state() == TrialState.FAILED).findFirst()
        .orElse(null);
    if (first == null) {
      return new TuningException("no trial completed (" + trials.size() + " asked); raise"
          + " maxTrials or the timeout.");
    }
    return new TuningException("every trial failed (" + trials.size() + " asked); the first,"
        + " trial " + first.number() + " with " + first.params() + ", failed with: "
        + first.error());
  }
}
