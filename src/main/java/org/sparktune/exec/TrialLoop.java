package org.sparktune.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * trial budget is spent or the timeout passes. Plain Java: what running a budget means is the
 * {@link RungTask} given to {@link #run}.
 *
 * <p>Reproducible order (the default): with a seed, the trials, their params and their results
 * do not depend on timing. Trial {@code n} is proposed seeing the results (at the scheduler's
 * observed rung) of the trials numbered {@code n - parallelism} and below, waiting for any of
 * them that is late, and every later trial as running; a sampler that does not read the history
 * for trial {@code n} (grid, random, QMC, start-up trials) never waits. Free-running order
 * ({@code reproducible = false}) shows the sampler whatever has finished when a slot frees up.
 *
 * <p>At the timeout nothing new starts and every running item is cancelled through the cancel
 * hook (which must make its task return or throw soon); what those items return is not
 * counted: a trial with an earlier rung is PRUNED at that rung, one without is FAILED. A task
 * that throws fails its trial with the message; the study goes on. A task that throws {@link
 * StoppedEarly} (fold racing) ends its trial PRUNED with a partial rung of the folds it ran:
 * kept in the record, never shown to the sampler or the scheduler as the rung's result. When
 * the loop ends, a trial still waiting for the scheduler is PRUNED at its last rung. The thread
 * pool lives for one {@code run} and is shut down before it returns.
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
    INTERRUPTED
  }

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
  private final Map<Future<List<Double>>, Running> running = new HashMap<>();

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
  }

  /** Runs work items until the schedule is done or a budget is spent. */
  public Ending run(RungTask task, Consumer<Trial> cancel) {
    Duration timeout = settings.timeout();
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(), threads());
    CompletionService<List<Double>> done = new ExecutorCompletionService<>(pool);
    boolean[] free = new boolean[settings.parallelism()];
    java.util.Arrays.fill(free, true);
    Ending ending = Ending.SCHEDULE_DONE;
    try {
      while (true) {
        if (ending == Ending.SCHEDULE_DONE) {
          dispatch(task, done, free);
        }
        if (running.isEmpty()) {
          break;
        }
        Future<List<Double>> next = ending == Ending.TIMEOUT ? done.take()
            : done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          ending = Ending.TIMEOUT;
          LOG.info("Study timeout of {} reached: cancelling {} running trial(s)", timeout,
              running.size());
          running.values().forEach(r -> cancel.accept(r.trial()));
          continue;
        }
        Running r = running.remove(next);
        free[r.slot()] = true;
        record(r, next, ending == Ending.TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ending = Ending.INTERRUPTED;
      running.values().forEach(r -> cancel.accept(r.trial()));
      running.values().forEach(r -> stop(r.trial(), "interrupted"));
      running.clear();
    } finally {
      pool.shutdownNow();
    }
    settle(ending);
    return ending;
  }

  private void dispatch(RungTask task, CompletionService<List<Double>> done, boolean[] free) {
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
        continue;
      }
      if (d instanceof Decision.Complete c) {
        logEnd(study.complete(study.trial(c.trial())));
        continue;
      }
      if (running.size() >= settings.parallelism()) {
        return;
      }
      Trial trial;
      Budget budget;
      if (d instanceof Decision.Start s) {
        int n = study.trials().size();
        int settledBefore = settings.reproducible() ? n - settings.parallelism() + 1
            : Integer.MAX_VALUE;
        int rung = scheduler.observedRung(before(view, settledBefore));
        if (!mayAsk(n, rung)) {
          return;
        }
        trial = study.ask(rung, settledBefore);
        budget = s.budget();
      } else if (d instanceof Decision.Run r) {
        trial = study.trial(r.trial());
        budget = r.budget();
      } else {
        if (d instanceof Decision.Wait && running.isEmpty()) {
          throw new IllegalStateException("scheduler " + scheduler + " waits but nothing runs;"
              + " its next() must start, run, prune or complete a trial, or say Done.");
        }
        return;
      }
      int slot = takeSlot(free);
      Instant start = study.now();
      Trial item = trial;
      Budget at = budget;
      task.submitted(item, at);
      running.put(done.submit(() -> task.run(item, at, slot)),
          new Running(trial, budget, slot, start));
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
    running.values().forEach(r -> inFlight.add(r.trial().number()));
    for (int m = 0; m <= n - settings.parallelism(); m++) {
      if (inFlight.contains(m) && !study.isSettled(m, rung)) {
        return false;
      }
    }
    return true;
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
      progress.add(new TrialProgress(t.number(), status(t.state()), reports));
    }
    Set<Integer> inFlight = new HashSet<>();
    running.values().forEach(r -> inFlight.add(r.trial().number()));
    long limit = Math.min(settings.maxTrials(), study.capacity());
    boolean canCreate = trials.size() < settings.maxTrials() && study.hasNext();
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

  private void record(Running r, Future<List<Double>> future, boolean timedOut) {
    Instant end = study.now();
    Trial trial = r.trial();
    try {
      List<Double> folds = future.get();
      if (timedOut) {
        stop(trial, "stopped at the study timeout of " + settings.timeout()
            + "; its result at data fraction " + r.budget().fraction() + " came after it and"
            + " does not count");
        return;
      }
      for (int i = 0; i < folds.size(); i++) {
        if (Double.isNaN(folds.get(i))) {
          logEnd(study.fail(trial, "fold " + (i + 1) + " metric is NaN at data fraction "
              + r.budget().fraction()));
          return;
        }
      }
      Rung rung = Rung.of(r.budget().rung(), r.budget().fraction(), folds, r.start(), end,
          iterations(r.budget()), false);
      study.report(trial, rung);
      if (r.budget().fraction() < 1) {
        LOG.info("Trial {} rung {} ({}): value={} folds={}", trial.number(), rung.rung(),
            rung.iterations() == null ? "data fraction " + rung.budget()
                : "iterations " + rung.iterations(), rung.value(), folds);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoppedEarly stopped && !timedOut) {
        study.report(trial, Rung.of(r.budget().rung(), r.budget().fraction(),
            stopped.foldValues(), r.start(), end, iterations(r.budget()), true));
        logEnd(study.prune(trial, stopped.getMessage()));
        return;
      }
      String why = describe(e.getCause() == null ? e : e.getCause());
      if (timedOut) {
        stop(trial, "cancelled at the study timeout of " + settings.timeout() + " (" + why
            + ")");
      } else {
        logEnd(study.fail(trial, why));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(trial, "interrupted");
    }
  }

  private Integer iterations(Budget budget) {
    return fidelity instanceof Iterations it ? it.at(budget.fraction()) : null;
  }

  /** Ends a trial cut off: PRUNED at its last rung if it has one, else FAILED. */
  private void stop(Trial trial, String why) {
    Trial current = study.trial(trial.number());
    if (current.state().isFinished()) {
      return;
    }
    logEnd(current.rungs().isEmpty() ? study.fail(current, why) : study.prune(current, why));
  }

  /** Ends every trial still running when the loop stops. */
  private void settle(Ending ending) {
    for (Trial t : study.trials()) {
      if (!t.state().isFinished()) {
        stop(t, ending == Ending.TIMEOUT ? "the study timeout of " + settings.timeout()
            + " passed before its next rung" : "the study ended (" + ending + ") before its"
            + " next rung");
      }
    }
  }

  private static void logEnd(Trial told) {
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

  private record Running(Trial trial, Budget budget, int slot, Instant start) {}
}
