package org.sparktune.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.sparktune.study.TrialEvent;

/**
 * The study's progress as one console line: trials done of the total, running, pruned, failed,
 * rungs reported, the best value so far, the time elapsed and an estimate of the time left. On
 * a terminal the line is rewritten in place; otherwise a plain line is printed each time a trial
 * reports a rung or ends.
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

  Progress(PrintWriter out, boolean terminal, int total, String metric, boolean largerBetter) {
    this.out = out;
    this.terminal = terminal;
    this.total = total;
    this.metric = metric;
    this.largerBetter = largerBetter;
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
    boolean ended = count(e);
    if (terminal) {
      String line = line();
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      out.flush();
      width = line.length();
    } else if (ended || e.kind() == TrialEvent.Kind.RUNG_REPORTED) {
      out.println(line());
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

  /** The line as it is now. */
  synchronized String line() {
    int ended = done + pruned + failed;
    double elapsed = (System.nanoTime() - start) / 1e9;
    int thisRun = ended - earlier;
    String eta = thisRun > 0 && ended < total
        ? clock(elapsed / thisRun * (total - ended)) : "-";
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
