package org.sparktune.exec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparktune.exec.WorkItem.Finished;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.DataFraction;
import org.sparktune.schedule.Decision;
import org.sparktune.schedule.Fidelity;
import org.sparktune.schedule.Iterations;
import org.sparktune.schedule.RungReport;
import org.sparktune.schedule.Scheduler;
import org.sparktune.schedule.SchedulerView;
import org.sparktune.schedule.TrialProgress;
import org.sparktune.study.Rung;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;

/**
 * Runs a study's work items — a trial at a budget, as its {@link Scheduler} hands them out —
 * up to {@code parallelism} at a time: decisions and asks on the calling thread, runs on
 * workers, each rung reported to the study when it returns, until the schedule is done, the
 * trial budget is spent, a timeout passes or a study-level stop is seen. Plain Java: what
 * running a budget means is the {@link RungTask} given to {@link #run}.
 *
 * <p>Reproducible order (the default): with a seed, the trials, their params and their results
 * do not depend on timing. Trial {@code n} is proposed seeing the results (at the scheduler's
 * observed rung) of the trials numbered {@code n - parallelism} and below, waiting for any of
 * them that is late, and every later trial as running; a sampler that does not read the history
 * for trial {@code n} (grid, random, QMC, start-up trials) never waits. Free-running order
 * ({@code reproducible = false}) shows the sampler whatever has finished when a slot frees up.
 *
 * <p>Stopping: at the study timeout nothing new starts and every running item is cancelled
 * through the cancel hook; the loop then waits at most {@link #GRACE} (1 s) for them and
 * returns, whether or not they have: the hook must make its task stop using the cluster (see
 * {@link FoldEvaluation#cancel}), but the loop does not wait for a task that ignores it. A work
 * item (one trial at one budget) that runs longer than the trial timeout is cancelled the same
 * way, and the study goes on. A result that a task finishes after the deadline that cut it off
 * is not counted, even when it comes back within the grace: the trial is PRUNED with the reason
 * (its budget is that of its last finished rung, or none). A task given up after the grace is
 * left to unwind on its own thread, which the loop never hears from again; nothing it returns
 * reaches the study. A task that throws before its deadline fails its trial with the message;
 * the study goes on. A task that throws {@link StoppedEarly} (fold racing) ends its trial
 * PRUNED with a partial rung of the folds it ran: kept in the record, never shown to the
 * sampler or the scheduler as the rung's result. When the loop ends, a trial still waiting for
 * the scheduler is PRUNED at its last rung.
 *
 * <p>Study-level stops ({@link StudyStops}): before it asks trial {@code n}, the loop checks
 * the finished trials numbered {@code n - parallelism} and below (in reproducible order,
 * waiting for any of them still running a work item; every finished trial in free-running
 * order). Once no improvement in {@code noImprovementTrials} trials, or a COMPLETE trial at the
 * target value, is seen, no trial is asked any more; the trials already asked run on as the
 * scheduler says, and the run ends with that reason. With a seed and a scheduler whose trials
 * each run one work item ({@code FullBudget}), the number of trials is then the same at any
 * timing: at parallelism 1, a stop seen after trial {@code k} leaves {@code k + 1} trials.
 *
 * <p>The thread pool lives for one {@code run} and is shut down (its threads interrupted)
 * before it returns.
 */
public final class TrialLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TrialLoop.class);

  /** Why a run ended. */
  public enum Ending {
    /** The scheduler had nothing left to run, or the trial budget was spent. */
    SCHEDULE_DONE,
    /** The wall-clock budget ran out. */
    TIMEOUT,
    /** The calling thread was interrupted. */
    INTERRUPTED,
    /** No improvement of the best value in the set number of finished trials in a row. */
    NO_IMPROVEMENT,
    /** A COMPLETE trial reached the target value. */
    TARGET_REACHED
  }

  /**
   * How long the loop waits, once it has cancelled a work item, for the item to return before
   * it records the trial and gives the item up.
   */
  public static final Duration GRACE = Duration.ofSeconds(1);

  /**
   * How often a run with nothing left of its own reads the shared study again while other runs
   * are running trials.
   */
  static final Duration POLL = Duration.ofSeconds(1);

  /** A deadline that never comes: no timeout. Deadlines are System.nanoTime values. */
  static final long NEVER = Long.MAX_VALUE;

  /** What running one trial at one budget means; it may be called from several threads. */
  @FunctionalInterface
  public interface RungTask {
    /** Runs {@code trial} at {@code budget} on worker {@code slot}: the metric of each fold. */
    List<Double> run(Trial trial, Budget budget, int slot) throws Exception;

    /**
     * Called on the loop's thread, in dispatch order, just before {@code trial} is handed to a
     * worker to run at {@code budget}. Does nothing unless overridden.
     */
    default void submitted(Trial trial, Budget budget) {}

    /**
     * Called on the loop's thread once {@code trial} ended in this run (COMPLETE, PRUNED or
     * FAILED), so that what was kept for its next rung can go. Does nothing unless overridden.
     */
    default void ended(Trial trial) {}
  }

  /**
   * Thrown by a {@link RungTask} that stopped its trial before every fold ran: the trial ends
   * PRUNED for {@code reason}, with a partial rung of {@code foldValues}.
   */
  public static final class StoppedEarly extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Double> foldValues;

    /** A stop after the folds that gave {@code foldValues}, for {@code reason}. */
    public StoppedEarly(List<Double> foldValues, String reason) {
      super(reason);
      this.foldValues = List.copyOf(foldValues);
    }

    /** The metric of each fold the trial ran before it stopped. */
    public List<Double> foldValues() {
      return foldValues;
    }
  }

  private final Study study;
  private final Scheduler scheduler;
  private final LoopSettings settings;
  private final Fidelity fidelity;
  private final StudyStops stops;
  private final Map<Future<Finished>, WorkItem> running = new HashMap<>();
  private long clockStart = Long.MIN_VALUE;
  private long deadline = NEVER;
  private Ending stopped;
  private RungTask task;

  /** A loop over {@code study}, scheduled by {@code scheduler}, over data fractions. */
  public TrialLoop(Study study, Scheduler scheduler, LoopSettings settings) {
    this(study, scheduler, settings, new DataFraction());
  }

  /**
   * A loop over {@code study}, scheduled by {@code scheduler}, whose budgets scale {@code
   * fidelity}: each rung records the iteration count it ran with under {@link Iterations}.
   */
  public TrialLoop(Study study, Scheduler scheduler, LoopSettings settings, Fidelity fidelity) {
    this.study = study;
    this.scheduler = scheduler;
    this.settings = settings;
    this.fidelity = fidelity;
    this.stops = new StudyStops(study.direction(), settings.noImprovementTrials(),
        settings.targetMetric());
  }

  /**
   * Starts the study timeout's clock at {@code nanoTime} ({@link System#nanoTime}), e.g. when
   * the search began to split its data, rather than when {@link #run} is called.
   */
  public TrialLoop clockStartedAt(long nanoTime) {
    clockStart = nanoTime;
    return this;
  }

  /**
   * Runs work items until the schedule is done, a budget is spent or a study-level stop is
   * seen; {@code cancel} is called with a trial whose running item is given up.
   */
  public Ending run(RungTask task, Consumer<Trial> cancel) {
    this.task = task;
    Duration timeout = settings.timeout();
    long start = clockStart == Long.MIN_VALUE ? System.nanoTime() : clockStart;
    deadline = timeout == null ? NEVER : start + timeout.toNanos();
    ExecutorService pool = Executors.newCachedThreadPool(threads());
    CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
    boolean[] free = new boolean[settings.parallelism()];
    java.util.Arrays.fill(free, true);
    Ending ending = null;
    try {
      while (true) {
        long now = System.nanoTime();
        if (ending == null && passed(now, deadline)) {
          ending = Ending.TIMEOUT;
          LOG.info("Study timeout of {} reached: cancelling {} running work item(s)",
              seconds(timeout), running.size());
          for (WorkItem r : running.values()) {
            cut(r, studyTimeoutReason(r), now, cancel);
          }
        }
        expire(now, cancel, free);
        boolean othersRunning = ending == null && dispatch(task, done, free);
        if (running.isEmpty()) {
          if (!othersRunning) {
            break;
          }
          // Nothing of this run's is left but trials other runs of the shared study are
          // running: wait for them, which come back here if their run stops.
          long at = nextEvent(true);
          long pause = at == NEVER ? POLL.toNanos()
              : Math.max(0, Math.min(POLL.toNanos(), at - System.nanoTime()));
          TimeUnit.NANOSECONDS.sleep(pause);
          continue;
        }
        long at = nextEvent(ending == null);
        long wait = at == NEVER ? Long.MAX_VALUE : at - System.nanoTime();
        Future<Finished> next = wait > 0 ? done.poll(wait, TimeUnit.NANOSECONDS) : done.poll();
        WorkItem r = next == null ? null : running.remove(next);
        if (r != null) {
          free[r.slot] = true;
          record(r, next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending = Ending.INTERRUPTED;
      running.values().forEach(r -> cancel.accept(r.trial));
      running.values().forEach(r -> stop(r.trial, "interrupted"));
      running.clear();
    } finally {
      pool.shutdownNow();
    }
    if (ending == null) {
      ending = stopped == null ? Ending.SCHEDULE_DONE : stopped;
    }
    settle(ending);
    return ending;
  }

  /**
   * Cuts off every item past its trial timeout, and gives up every cut item past its grace:
   * its trial is recorded PRUNED and its slot freed; what it returns later is dropped.
   */
  private void expire(long now, Consumer<Trial> cancel, boolean[] free) {
    Iterator<Map.Entry<Future<Finished>, WorkItem>> it = running.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Future<Finished>, WorkItem> e = it.next();
      WorkItem r = e.getValue();
      if (r.cutReason == null && passed(now, r.trialDeadline)) {
        LOG.info("Trial {} ran past the trial timeout of {}: cancelling it",
            r.trial.number(), seconds(settings.trialTimeout()));
        cut(r, trialTimeoutReason(r), now, cancel);
      } else if (r.cutReason != null && passed(now, r.graceEnd)) {
        LOG.info("Trial {} did not return within {} of its cancel; giving it up",
            r.trial.number(), seconds(GRACE));
        it.remove();
        free[r.slot] = true;
        e.getKey().cancel(true);
        stop(r.trial, r.cutReason);
      }
    }
  }

  /** Cancels {@code r}'s trial for {@code reason} and starts its grace. */
  private static void cut(WorkItem r, String reason, long now, Consumer<Trial> cancel) {
    if (r.cutReason != null) {
      return;
    }
    r.cutReason = reason;
    r.graceEnd = now + GRACE.toNanos();
    cancel.accept(r.trial);
  }

  /**
   * When (System.nanoTime) the loop must next look at the clock: a deadline or the end of a
   * grace, or {@link #NEVER}.
   */
  private long nextEvent(boolean studyDeadline) {
    long next = studyDeadline ? deadline : NEVER;
    for (WorkItem r : running.values()) {
      long at = r.cutReason == null ? r.trialDeadline : r.graceEnd;
      if (at != NEVER && (next == NEVER || at - next < 0)) {
        next = at;
      }
    }
    return next;
  }

  /** Whether System.nanoTime {@code now} is at or past {@code at} ({@link #NEVER}: never). */
  private static boolean passed(long now, long at) {
    return at != NEVER && now - at >= 0;
  }

  /**
   * Starts work items while the scheduler has some and a slot is free; returns whether the
   * scheduler waits on trials that other runs of a shared study are running, with none of this
   * run's running.
   */
  private boolean dispatch(RungTask task, CompletionService<Finished> done, boolean[] free) {
    study.refresh();
    while (true) {
      SchedulerView view = view();
      Decision d = scheduler.next(view);
      if (d instanceof Decision.Prune p) {
        Trial t = study.trial(p.trial());
        Rung last = t.lastRung().orElse(null);
        Trial pruned = study.prune(t, last == null ? "pruned before any rung"
            : "not promoted after rung " + last.rung() + " (" + (last.iterations() == null
                ? "data fraction " + last.budget() : "iterations " + last.iterations())
                + ", value " + last.value() + ")");
        LOG.info("Trial {} PRUNED: {}", pruned.number(), pruned.error());
        task.ended(pruned);
        continue;
      }
      if (d instanceof Decision.Complete c) {
        logEnd(study.complete(study.trial(c.trial())));
        continue;
      }
      if (running.size() >= settings.parallelism()) {
        return false;
      }
      Trial trial;
      Budget budget;
      if (d instanceof Decision.Start s) {
        int n = study.trials().size();
        int settledBefore = settings.reproducible() ? n - settings.parallelism() + 1
            : Integer.MAX_VALUE;
        int rung = scheduler.observedRung(before(view, settledBefore));
        if (!mayAsk(n, rung)) {
          return false;
        }
        if (stops.any()) {
          if (!settledForStops(n)) {
            return false;
          }
          Ending stop = stops.check(study.trials(), settledBefore);
          if (stop != null) {
            stopped = stop;
            LOG.info("Study stops asking trials ({}): {}", stop, stops.describe(stop));
            continue;
          }
        }
        Optional<Trial> asked = study.ask(rung, settledBefore, settings.maxTrials());
        if (asked.isEmpty()) {
          // Other runs of the shared study took the last numbers of the trial budget.
          continue;
        }
        trial = asked.get();
        budget = s.budget();
      } else if (d instanceof Decision.Run r) {
        trial = study.trial(r.trial());
        budget = r.budget();
      } else {
        if (d instanceof Decision.Wait && running.isEmpty()
            && !view.inFlight().isEmpty()) {
          return true;
        }
        if (running.isEmpty() && study.unfinishedElsewhere()) {
          // This run has nothing left, but the study is not over: another live run still
          // runs trials whose results may be its best. Wait for them (or for their run to stop).
          return true;
        }
        if (d instanceof Decision.Wait && running.isEmpty()) {
          throw new IllegalStateException("scheduler " + scheduler + " waits but nothing runs;"
              + " its next() must start, run, prune or complete a trial, or say Done.");
        }
        return false;
      }
      int slot = takeSlot(free);
      WorkItem work = new WorkItem(trial, budget, slot, study.now(), trialDeadline());
      task.submitted(trial, budget);
      running.put(done.submit(() -> work.call(task)), work);
    }
  }

  /**
   * Whether trial {@code n} may be asked now: in reproducible order, no trial it is meant to
   * see is still running towards its observation at {@code rung}. A trial that is neither
   * running nor settled (it reported below {@code rung} and waits for the scheduler to promote
   * it) is seen as it stands, still running: its next report waits on trials not yet asked, so
   * waiting for it could never end.
   */
  private boolean mayAsk(int n, int rung) {
    if (!settings.reproducible() || !study.samplerNeedsHistory(n)) {
      return true;
    }
    Set<Integer> inFlight = new HashSet<>();
    running.values().forEach(r -> inFlight.add(r.trial.number()));
    for (int m = 0; m <= n - settings.parallelism(); m++) {
      if (inFlight.contains(m) && !study.isSettled(m, rung)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the study-level stops may be checked before asking trial {@code n}: in
   * reproducible order, no trial numbered {@code n - parallelism} or below is running a work
   * item (one waiting for the scheduler is read as it stands, unfinished).
   */
  private boolean settledForStops(int n) {
    if (!settings.reproducible()) {
      return true;
    }
    for (WorkItem r : running.values()) {
      if (r.trial.number() <= n - settings.parallelism()) {
        return false;
      }
    }
    return true;
  }

  /** The trial deadline of an item starting now, or none. */
  private long trialDeadline() {
    Duration limit = settings.trialTimeout();
    return limit == null ? NEVER : System.nanoTime() + limit.toNanos();
  }

  /**
   * {@code view} as trial {@code settledBefore - 1} sees it in reproducible order: the trials
   * numbered below {@code settledBefore} only. A scheduler that picks the rung samplers model
   * from the reports so far (Hyperband, ASHA) then picks it from the same trials on every run at
   * parallelism 1; above it, those trials may still be running and report at a higher rung
   * later, so the pick can depend on timing, as ASHA's promotions themselves do.
   */
  private static SchedulerView before(SchedulerView view, int settledBefore) {
    if (settledBefore == Integer.MAX_VALUE) {
      return view;
    }
    List<TrialProgress> trials = new ArrayList<>();
    for (TrialProgress t : view.trials()) {
      if (t.number() < settledBefore) {
        trials.add(t);
      }
    }
    Set<Integer> inFlight = new HashSet<>();
    for (int n : view.inFlight()) {
      if (n < settledBefore) {
        inFlight.add(n);
      }
    }
    return new SchedulerView(trials, inFlight, view.canCreate(), view.trialLimit());
  }

  private SchedulerView view() {
    List<TrialProgress> progress = new ArrayList<>();
    List<Trial> trials = study.trials();
    for (Trial t : trials) {
      List<RungReport> reports = new ArrayList<>();
      for (Rung r : t.rungs()) {
        if (r.partial()) {
          continue;
        }
        reports.add(new RungReport(r.rung(), r.budget(), study.direction().toLoss(r.value())));
      }
      TrialProgress.Status status = t.state() == TrialState.RUNNING
          && study.isElsewhere(t.number()) ? TrialProgress.Status.ELSEWHERE
          : status(t.state());
      progress.add(new TrialProgress(t.number(), status, reports));
    }
    Set<Integer> inFlight = new HashSet<>(study.runningElsewhere());
    running.values().forEach(r -> inFlight.add(r.trial.number()));
    long limit = Math.min(settings.maxTrials(), study.capacity());
    boolean canCreate = stopped == null && study.counted() < settings.maxTrials()
        && study.hasNext();
    return new SchedulerView(progress, inFlight, canCreate, limit);
  }

  private static TrialProgress.Status status(TrialState state) {
    switch (state) {
      case COMPLETE:
        return TrialProgress.Status.COMPLETE;
      case PRUNED:
        return TrialProgress.Status.PRUNED;
      case FAILED:
        return TrialProgress.Status.FAILED;
      default:
        return TrialProgress.Status.ACTIVE;
    }
  }

  private void record(WorkItem r, Future<Finished> future) {
    Instant end = study.now();
    Trial trial = r.trial;
    Finished finished;
    try {
      finished = future.get();
    } catch (ExecutionException | CancellationException e) {
      finished = new Finished(null, e, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(trial, "interrupted");
      return;
    }
    String late = lateReason(r, finished.atNanos());
    if (late != null) {
      stop(trial, late);
      return;
    }
    if (finished.error() != null) {
      Throwable error = finished.error();
      if (error instanceof ExecutionException && error.getCause() != null) {
        error = error.getCause();
      }
      if (error instanceof StoppedEarly early) {
        study.report(trial, Rung.of(r.budget.rung(), r.budget.fraction(), early.foldValues(),
            r.start, end, iterations(r.budget), true));
        logEnd(study.prune(trial, early.getMessage()));
        return;
      }
      logEnd(study.fail(trial, describe(error)));
      return;
    }
    List<Double> folds = finished.folds();
    for (int i = 0; i < folds.size(); i++) {
      if (Double.isNaN(folds.get(i))) {
        logEnd(study.fail(trial, "fold " + (i + 1) + " metric is NaN at "
            + describeBudget(r.budget)));
        return;
      }
    }
    Rung rung = Rung.of(r.budget.rung(), r.budget.fraction(), folds, r.start, end,
        iterations(r.budget), false);
    study.report(trial, rung);
    if (r.budget.fraction() < 1) {
      LOG.info("Trial {} rung {} ({}): value={} folds={}", trial.number(), rung.rung(),
          describeBudget(r.budget), rung.value(), folds);
    }
  }

  private Integer iterations(Budget budget) {
    return fidelity instanceof Iterations it ? it.at(budget.fraction()) : null;
  }

  /** The budget as logs and reasons name it: a data fraction or an iteration count. */
  private String describeBudget(Budget budget) {
    Integer n = iterations(budget);
    return n == null ? "data fraction " + budget.fraction() : "iterations " + n;
  }

  /**
   * Why what {@code r} finished at {@code atNanos} does not count, or null when it does: it
   * came after the study timeout or after the item's trial timeout.
   */
  private String lateReason(WorkItem r, long atNanos) {
    if (deadline != NEVER && atNanos - deadline > 0) {
      return studyTimeoutReason(r);
    }
    if (r.trialDeadline != NEVER && atNanos - r.trialDeadline > 0) {
      return trialTimeoutReason(r);
    }
    return null;
  }

  private String studyTimeoutReason(WorkItem r) {
    return "stopped at the study timeout of " + seconds(settings.timeout())
        + " while running " + describeBudget(r.budget);
  }

  private String trialTimeoutReason(WorkItem r) {
    return "stopped at the trial timeout of " + seconds(settings.trialTimeout())
        + " while running " + describeBudget(r.budget);
  }

  /** Ends a trial cut off: PRUNED, at the budget of its last rung if it has one. */
  private void stop(Trial trial, String why) {
    Trial current = study.trial(trial.number());
    if (current.state().isFinished()) {
      return;
    }
    logEnd(study.prune(current, why));
  }

  /** Ends every trial still running when the loop stops. */
  private void settle(Ending ending) {
    for (Trial t : study.trials()) {
      if (!t.state().isFinished() && !study.isElsewhere(t.number())) {
        stop(t, ending == Ending.TIMEOUT ? "the study timeout of " + seconds(settings.timeout())
            + " passed before its next rung" : "the study ended (" + ending + ") before its"
            + " next rung");
      }
    }
  }

  /** {@code d} in seconds, e.g. "4 s" or "0.2 s". */
  static String seconds(Duration d) {
    return new BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString()
        + " s";
  }

  /** Logs the end of {@code told} and tells the task it ended. */
  private void logEnd(Trial told) {
    if (task != null) {
      task.ended(told);
    }
    if (told.state() == TrialState.COMPLETE) {
      LOG.info("Trial {} COMPLETE value={} folds={} params={}", told.number(), told.value(),
          told.foldMetrics(), told.params());
    } else {
      LOG.info("Trial {} {} params={} error={}", told.number(), told.state(), told.params(),
          told.error());
    }
  }

  /** A one-line account of an exception: its class and message. */
  public static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static int takeSlot(boolean[] free) {
    for (int i = 0; i < free.length; i++) {
      if (free[i]) {
        free[i] = false;
        return i;
      }
    }
    throw new IllegalStateException("no free trial slot");
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sparktune-trial-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
