package org.sparktune.exec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.schedule.FoldRacing;
import org.sparktune.space.ParamRef;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Folds;
import org.sparktune.split.FractionFloor;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.study.TuningException;

/**
 * One search from data to best model: split once, for the data fractions of the scheduler's
 * rungs (under the iterations fidelity, for all the data only), prepare the folds (pipeline
 * prefix fitted once per fold), run the scheduler's work items (racing folds when asked),
 * refit the best params on all the data at full budget. Inputs are checked by the caller
 * before this runs; cached data is released before {@link #run} returns.
 */
public final class SearchRun {

  private static final Logger LOG = LoggerFactory.getLogger(SearchRun.class);

  private final SearchSpec spec;

  /** A run of {@code spec}. */
  public SearchRun(SearchSpec spec) {
    this.spec = spec;
  }

  /**
   * What a search produced.
   *
   * @param trials every trial, by number
   * @param best the best COMPLETE trial
   * @param bestModel the best params fitted on all the data, or null without refit
   * @param prefixFits how many times the pipeline prefix was fitted during the search
   * @param ending why the trial loop stopped
   */
  public record Outcome(List<Trial> trials, Trial best, Model<?> bestModel, int prefixFits,
      TrialLoop.Ending ending) {}

  /**
   * Runs the search on {@code data}. The study timeout's clock starts here: it covers splitting
   * and caching the folds, fitting the pipeline prefix and the trials, not the refit.
   */
  public Outcome run(Dataset<Row> data) {
    long clockStart = System.nanoTime();
    Evaluator evaluator = spec.evaluator();
    SearchSpace space = spec.space();
    Direction direction = evaluator.isLargerBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE;
    Study study = Study.create(spec.studyName(), space, spec.sampler(), direction, spec.seed(),
        spec.store(), spec.input(), StudySetup.of(spec));
    // A trial a stopped run left mid-rung ends FAILED and runs again as a new trial, which
    // maxTrials does not count twice.
    List<Trial> interrupted = study.requeueInterrupted();
    for (Trial t : interrupted) {
      LOG.info("Trial {} was running when its run stopped; its params {} run again",
          t.number(), t.params());
    }
    LoopSettings loop = spec.loop();
    // Over a shared study log, other runs take this one for alive while it writes.
    ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
        daemon("sparktune-heartbeat-"));
    long beat = Math.max(1, spec.store().lease().toMillis() / 4);
    heartbeat.scheduleWithFixedDelay(() -> {
      try {
        study.heartbeat();
      } catch (RuntimeException e) {
        LOG.warn("Could not write the study's heartbeat: {}", TrialLoop.describe(e));
      }
    }, beat, beat, TimeUnit.MILLISECONDS);
    try {
      return run(data, study, loop, clockStart);
    } finally {
      heartbeat.shutdownNow();
      study.stop();
    }
  }

  private Outcome run(Dataset<Row> data, Study study, LoopSettings loop, long clockStart) {
    Evaluator evaluator = spec.evaluator();
    SearchSpace space = spec.space();
    SparkContext sc = data.sparkSession().sparkContext();
    FidelityPlan fidelity = FidelityPlan.bind(spec.fidelity(), spec.estimator(), space);
    Set<String> tuned = tunedStages(space);
    if (fidelity.stageUid() != null) {
      tuned.add(fidelity.stageUid());
    }
    PipelinePlan plan = PipelinePlan.of(spec.estimator(), tuned);
    int partitions = Math.max(1, sc.defaultParallelism() / spec.loop().parallelism());
    String studyId = UUID.randomUUID().toString().substring(0, 8);
    int prefixFits;
    TrialLoop.Ending ending;
    // Unbounded: a fold thread of a trial given up may still be unwinding when the next
    // trial starts; the trial loop bounds the work items in flight, and so the fold fits.
    ExecutorService foldPool = Executors.newCachedThreadPool(daemon("sparktune-fold-"));
    long trialLimit = Math.min(spec.loop().maxTrials(), study.capacity());
    try (Folds folds = spec.splitter().split(data, spec.seed(),
        fidelity.splitFractions(spec.scheduler().budgets(trialLimit)));
        PreparedFolds prepared = PreparedFolds.prepare(folds, plan, partitions,
            Folds.partitionBytes(data.sparkSession()))) {
      checkSmallestRung(folds, fidelity, trialLimit);
      prefixFits = prepared.prefixFits();
      FoldEvaluation evaluation = new FoldEvaluation(sc, prepared, plan, evaluator,
          t -> space.toParamMap(t.params()), studyId, foldPool, spec.fitsInFlight(),
          spec.minValidationRows(), fidelity);
      TrialLoop.RungTask task = spec.raceFolds() ? new FoldRace(evaluation, study,
          FoldRacing.reductionFactor(spec.scheduler()), spec.loop()) : evaluation;
      ending = new TrialLoop(study, spec.scheduler(), loop, spec.fidelity())
          .clockStartedAt(clockStart).run(task, evaluation::cancel);
    } finally {
      // No interrupt: a fold thread of a cancelled trial ends on its own once its next job is
      // refused, and an interrupt inside Spark's driver code only logs errors of its own.
      foldPool.shutdown();
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
    if (spec.refit()) {
      ParamMap params = fidelity.full(space.toParamMap(winner.params()));
      sc.setJobGroup("sparktune-" + studyId + "-refit",
          "sparktune refit of trial " + winner.number() + ": " + winner.params(), true);
      try {
        bestModel = spec.estimator().fit(data, params);
      } finally {
        sc.clearJobGroup();
      }
    }
    return new Outcome(trials, winner, bestModel, prefixFits, ending);
  }

  /**
   * Refuses, before any training, a schedule whose smallest data fraction leaves some fold's
   * training rows without a row of some class.
   */
  private void checkSmallestRung(Folds folds, FidelityPlan fidelity, long trialLimit) {
    Optional<FractionFloor> floor = folds.minimumFraction();
    if (floor.isEmpty()) {
      return;
    }
    double smallest = fidelity.dataFraction(spec.scheduler().budgets(trialLimit).get(0));
    if (smallest < floor.get().fraction()) {
      throw InputErrors.rungBelowFloor(spec.scheduler().name(), smallest, floor.get().fraction(),
          floor.get().labelClass(), floor.get().fold());
    }
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
