package org.sparktune.exec;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialResult;
import org.sparktune.study.TrialState;

/**
 * Runs a study's trials, up to {@code parallelism} at a time: ask on the calling thread, run on
 * a worker, tell when done, until {@code maxTrials} were asked, the sampler runs out or the
 * timeout passes. Plain Java: what a trial does is the {@link TrialTask} given to {@link #run}.
 *
 * <p>At the timeout no new trial is asked, every running trial is cancelled through the cancel
 * hook (which must make its task return or throw soon) and told FAILED with the reason. A task
 * that throws is told FAILED with its message; the study goes on. The thread pool lives for one
 * {@code run} and is shut down before it returns.
 */
public final class TrialLoop {

  private static final Logger LOG = LoggerFactory.getLogger(TrialLoop.class);

  private final Study study;
  private final int parallelism;
  private final int maxTrials;
  private final Duration timeout;

  /** What running one trial means; it may be called from several threads at once. */
  @FunctionalInterface
  public interface TrialTask {
    /** Runs {@code trial} on worker {@code slot} (0 ≤ slot < parallelism). */
    TrialResult run(Trial trial, int slot) throws Exception;
  }

  /**
   * @param study the study to ask and tell
   * @param parallelism trials run at once, at least 1
   * @param maxTrials trials asked at most, counting trials the study already held
   * @param timeout wall-clock budget for this run, or null for none
   */
  public TrialLoop(Study study, int parallelism, int maxTrials, Duration timeout) {
    this.study = study;
    this.parallelism = parallelism;
    this.maxTrials = maxTrials;
    this.timeout = timeout;
  }

  /** Runs trials until a budget is spent; {@code cancel} is called for trials cut off. */
  public void run(TrialTask task, Consumer<Trial> cancel) {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads());
    CompletionService<TrialResult> done = new ExecutorCompletionService<>(pool);
    Map<Future<TrialResult>, Running> running = new HashMap<>();
    boolean[] freeSlots = new boolean[parallelism];
    java.util.Arrays.fill(freeSlots, true);
    boolean timedOut = false;
    try {
      while (true) {
        while (!timedOut && running.size() < parallelism && canAsk()) {
          int slot = takeSlot(freeSlots);
          Trial trial = study.ask();
          running.put(done.submit(() -> task.run(trial, slot)), new Running(trial, slot));
        }
        if (running.isEmpty()) {
          return;
        }
        Future<TrialResult> next = timedOut ? done.take()
            : done.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          timedOut = true;
          LOG.info("Study timeout of {} reached: cancelling {} running trial(s)", timeout,
              running.size());
          running.values().forEach(r -> cancel.accept(r.trial()));
          continue;
        }
        Running r = running.remove(next);
        freeSlots[r.slot()] = true;
        tell(r.trial(), outcome(next, timedOut));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.values().forEach(r -> cancel.accept(r.trial()));
      running.values().forEach(r -> tell(r.trial(), TrialResult.failed("interrupted")));
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean canAsk() {
    return study.trials().size() < maxTrials && study.hasNext();
  }

  private TrialResult outcome(Future<TrialResult> future, boolean timedOut) {
    try {
      TrialResult result = future.get();
      if (timedOut && result.state() == TrialState.FAILED) {
        return TrialResult.failed("cancelled at the study timeout of " + timeout
            + " (" + result.error() + ")");
      }
      return result;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return TrialResult.failed(timedOut
          ? "cancelled at the study timeout of " + timeout + " (" + describe(cause) + ")"
          : describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TrialResult.failed("interrupted");
    }
  }

  private void tell(Trial trial, TrialResult result) {
    Trial told = study.tell(trial, result);
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

  private record Running(Trial trial, int slot) {}
}
