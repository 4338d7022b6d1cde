package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparktune.HyperparameterSearch;
import org.sparktune.schedule.Budget;
import org.sparktune.schedule.Scheduler;
import org.sparktune.study.TrialEvent;

/**
 * The study's progress as one console line: trials done of the total, running, pruned, failed,
 * rungs reported, the best value so far, the time elapsed and an estimate of the time left. On
 * a terminal the line is rewritten in place; otherwise a plain line is printed each time a trial
 * reports a rung or ends.
 *
 * <p>The time left is estimated from work, not from trials ended: a multi-fidelity schedule keeps
 * most trials open until its last rungs and ends many at once. The planned work is the sum, over
 * the scheduler's rungs, of the trials it runs there times the rung's budget fraction (for a
 * study without a scheduler, one full budget a trial); the work done is the sum of the budgets
 * of the rungs reported. The time left is the work still planned at the rate of this run's work
 * since its first rung report: what comes before that report (the session, the data, the folds,
 * the first rungs' fits) happens once and is no measure of the rate. Trials started together
 * report together, so there is no estimate until two more rungs have reported; a resumed run's
 * earlier work does not count either.
 */
final class Progress {

  private final PrintWriter out;
  private final boolean terminal;
  private final int total;
  private final String metric;
  private final boolean largerBetter;
  private final long start = System.nanoTime();
  private final Map<Integer, TrialEvent.Kind> last = new HashMap<>();
  private int done;
  private int pruned;
  private int failed;
  private int running;
  private int earlier;
  private int rungs;
  private double best = Double.NaN;
  private int bestTrial = -1;
  private int width;
  private final double plannedWork;
  private double work;
  private double firstReportAt = Double.NaN;
  private double firstReportWork;
  private int reportsSinceFirst;

  /**
   * @param plannedWork the study's planned work in budget fractions (see the class notes), or
   *     0 when unknown: the time left is then estimated from the trials ended
   */
  Progress(PrintWriter out, boolean terminal, int total, String metric, boolean largerBetter,
      double plannedWork) {
    this.out = out;
    this.terminal = terminal;
    this.total = total;
    this.metric = metric;
    this.largerBetter = largerBetter;
    this.plannedWork = plannedWork;
  }

  /**
   * The planned work of {@code search} at most {@code maxTrials} trials: the sum over its
   * scheduler's rungs of trials times budget fraction; 0 when the scheduler cannot say (a setup
   * the scheduler refuses is left for the fit to report, before training).
   */
  static double plannedWork(HyperparameterSearch search, int maxTrials) {
    try {
      Scheduler resolved = search.getScheduler().resolve(search.getParallelism(), maxTrials);
      List<Budget> budgets = resolved.budgets(maxTrials);
      List<Long> candidates = resolved.candidates(maxTrials);
      if (budgets.isEmpty() || candidates.size() != budgets.size()) {
        return 0;
      }
      double planned = 0;
      for (int i = 0; i < budgets.size(); i++) {
        planned += candidates.get(i) * budgets.get(i).fraction();
      }
      return planned;
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  /** Counts an event a resumed study's log already held. */
  synchronized void replayed(TrialEvent e) {
    count(e);
    if (e.kind() == TrialEvent.Kind.FINISHED || e.kind() == TrialEvent.Kind.PRUNED
        || e.kind() == TrialEvent.Kind.FAILED) {
      earlier++;
    }
  }

  /** Counts an event of this run and shows the line. */
  synchronized void record(TrialEvent e) {
    record(e, elapsed());
  }

  /** Counts an event of this run {@code elapsed} seconds after the start and shows the line. */
  synchronized void record(TrialEvent e, double elapsed) {
    boolean ended = count(e);
    if (e.kind() == TrialEvent.Kind.RUNG_REPORTED && e.trial() >= 0) {
      if (Double.isNaN(firstReportAt)) {
        firstReportAt = elapsed;
        firstReportWork = work;
      } else {
        reportsSinceFirst++;
      }
    }
    if (terminal) {
      String line = line(elapsed);
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      out.flush();
      width = line.length();
    } else if (ended || e.kind() == TrialEvent.Kind.RUNG_REPORTED) {
      out.println(line(elapsed));
    }
  }

  /** Ends the line on a terminal, so that what follows starts on its own line. */
  synchronized void finish() {
    if (terminal && width > 0) {
      out.println();
      width = 0;
    }
  }

  private boolean count(TrialEvent e) {
    if (e.trial() < 0) {
      return false;
    }
    TrialEvent.Kind before = last.put(e.trial(), e.kind());
    boolean wasRunning = before != null && before != TrialEvent.Kind.FINISHED
        && before != TrialEvent.Kind.PRUNED && before != TrialEvent.Kind.FAILED;
    switch (e.kind()) {
      case CREATED:
        running++;
        return false;
      case RUNG_REPORTED:
        rungs++;
        if (e.rung() != null) {
          work += e.rung().budget();
        }
        return false;
      case FINISHED:
        done++;
        if (!e.values().isEmpty()) {
          double v = e.values().get(0);
          if (Double.isNaN(best) || (largerBetter ? v > best : v < best)) {
            best = v;
            bestTrial = e.trial();
          }
        }
        break;
      case PRUNED:
        pruned++;
        break;
      case FAILED:
        failed++;
        break;
      default:
        return false;
    }
    if (wasRunning) {
      running--;
    }
    return true;
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** The line {@code elapsed} seconds after the start. */
  synchronized String line(double elapsed) {
    int ended = done + pruned + failed;
    String eta = "-";
    if (ended < total) {
      double since = elapsed - firstReportAt;
      double doneSince = work - firstReportWork;
      int thisRun = ended - earlier;
      if (plannedWork > 0 && reportsSinceFirst >= 2 && since > 0 && doneSince > 0) {
        eta = clock(since / doneSince * Math.max(0, plannedWork - work));
      } else if (plannedWork <= 0 && thisRun > 0) {
        eta = clock(elapsed / thisRun * (total - ended));
      }
    }
    return String.format(java.util.Locale.ROOT, "trials %d/%d  open %d  pruned %d  failed %d"
        + "  rungs %d  best %s  elapsed %s  eta %s", ended, total, running, pruned, failed, rungs,
        bestTrial < 0 ? "-" : String.format(java.util.Locale.ROOT, "%s %.4f (trial %d)",
            metric, best, bestTrial), clock(elapsed), eta);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
