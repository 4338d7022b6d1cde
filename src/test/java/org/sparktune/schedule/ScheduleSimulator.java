package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A pure stand-in for the trial loop: asks a scheduler what next, applies its decisions as the
 * loop does (prune and complete at once, start and run when a slot is free, otherwise let the
 * running item that ends first report), with synthetic losses and durations proportional to
 * the data fraction, so that reports arrive out of order above parallelism 1. It fails on a
 * decision the loop would refuse.
 */
final class ScheduleSimulator {

  /** The loss trial {@code trial} reports at data fraction {@code fraction}. */
  @FunctionalInterface
  interface Losses {
    double loss(int trial, double fraction);
  }

  /**
   * What a simulated study did.
   *
   * @param trials every trial at the end
   * @param decisions every decision, in order
   * @param idleWaits Waits answered while a slot was free and a new trial could start
   */
  record Outcome(List<TrialProgress> trials, List<Decision> decisions, int idleWaits) {

    /** The trials of numbers {@code from .. to - 1} that reported at {@code rung}. */
    long reportedAt(int rung, int from, int to) {
      return trials.stream().filter(t -> t.number() >= from && t.number() < to)
          .filter(t -> t.report(rung).isPresent()).count();
    }

    long count(TrialProgress.Status status) {
      return trials.stream().filter(t -> t.status() == status).count();
    }
  }

  /** A loss made of a fixed quality per trial and noise that shrinks as the fraction grows. */
  static double loss(int trial, double fraction) {
    double quality = ((trial * 7919L) % 97) / 97.0;
    return quality + 0.05 * (1 - fraction) * Math.sin(trial);
  }

  private final Scheduler scheduler;
  private final int parallelism;
  private final int maxTrials;
  private final Losses losses;
  private final BiConsumer<SchedulerView, Decision> check;
  private final List<TrialProgress.Status> statuses = new ArrayList<>();
  private final List<List<RungReport>> reports = new ArrayList<>();
  private final Map<Integer, Running> running = new HashMap<>();
  private final List<Decision> decisions = new ArrayList<>();
  private double now;
  private int idleWaits;

  private record Running(int trial, Budget budget, double end) {}

  private ScheduleSimulator(Scheduler scheduler, int parallelism, int maxTrials, Losses losses,
      BiConsumer<SchedulerView, Decision> check) {
    this.scheduler = scheduler;
    this.parallelism = parallelism;
    this.maxTrials = maxTrials;
    this.losses = losses;
    this.check = check;
  }

  /**
   * Runs a study of at most {@code maxTrials} trials with {@code parallelism} slots, showing
   * {@code check} each view and the decision taken on it.
   */
  static Outcome run(Scheduler scheduler, int parallelism, int maxTrials, Losses losses,
      BiConsumer<SchedulerView, Decision> check) {
    return new ScheduleSimulator(scheduler, parallelism, maxTrials, losses, check).run();
  }

  /** As {@link #run(Scheduler, int, int, Losses, BiConsumer)} with {@link #loss}, no check. */
  static Outcome run(Scheduler scheduler, int parallelism, int maxTrials) {
    return run(scheduler, parallelism, maxTrials, ScheduleSimulator::loss, (v, d) -> { });
  }

  private Outcome run() {
    for (int step = 0; ; step++) {
      assertTrue(step < 100_000, "the schedule does not end");
      SchedulerView view = view();
      Decision d = scheduler.next(view);
      assertEquals(d, scheduler.next(view), "next(view) is not a function of the view");
      decisions.add(d);
      check.accept(view, d);
      if (d instanceof Decision.Prune p) {
        checkWaiting(p.trial());
        statuses.set(p.trial(), TrialProgress.Status.PRUNED);
      } else if (d instanceof Decision.Complete c) {
        checkWaiting(c.trial());
        assertTrue(!reports.get(c.trial()).isEmpty(), "completes trial " + c.trial() + " bare");
        statuses.set(c.trial(), TrialProgress.Status.COMPLETE);
      } else if (d instanceof Decision.Done) {
        assertTrue(running.isEmpty(), "done while trials run");
        break;
      } else if (d instanceof Decision.Wait) {
        if (running.size() < parallelism && view.canCreate()) {
          idleWaits++;
        }
        assertTrue(!running.isEmpty(), "waits but nothing runs");
        finishOne();
      } else if (running.size() >= parallelism) {
        finishOne();
      } else if (d instanceof Decision.Start s) {
        assertTrue(view.canCreate(), "starts a trial the study cannot create");
        statuses.add(TrialProgress.Status.ACTIVE);
        reports.add(new ArrayList<>());
        launch(statuses.size() - 1, s.budget());
      } else if (d instanceof Decision.Run r) {
        checkWaiting(r.trial());
        for (RungReport rr : reports.get(r.trial())) {
          assertTrue(rr.rung() != r.budget().rung(), "runs rung " + rr.rung() + " twice");
        }
        launch(r.trial(), r.budget());
      }
    }
    for (TrialProgress.Status s : statuses) {
      assertTrue(s != TrialProgress.Status.ACTIVE, "done with a trial still active");
    }
    return new Outcome(view().trials(), decisions, idleWaits);
  }

  private void checkWaiting(int trial) {
    assertEquals(TrialProgress.Status.ACTIVE, statuses.get(trial), "trial " + trial);
    assertTrue(!running.containsKey(trial), "trial " + trial + " is running");
  }

  private void launch(int trial, Budget budget) {
    double jitter = 0.5 + ((trial * 37L) % 11) / 10.0;
    running.put(trial, new Running(trial, budget, now + budget.fraction() * jitter));
  }

  /** The running item that ends first (ties to the lower number) reports. */
  private void finishOne() {
    Running first = null;
    for (Running r : running.values()) {
      if (first == null || r.end() < first.end()
          || (r.end() == first.end() && r.trial() < first.trial())) {
        first = r;
      }
    }
    running.remove(first.trial());
    now = first.end();
    double fraction = first.budget().fraction();
    reports.get(first.trial()).add(new RungReport(first.budget().rung(), fraction,
        losses.loss(first.trial(), fraction)));
  }

  private SchedulerView view() {
    List<TrialProgress> trials = new ArrayList<>();
    for (int i = 0; i < statuses.size(); i++) {
      trials.add(new TrialProgress(i, statuses.get(i), reports.get(i)));
    }
    return new SchedulerView(trials, running.keySet(), statuses.size() < maxTrials, maxTrials);
  }
}
