package org.sparktune.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * The cross-check of {@link CachedBytesListener}: polls {@code getRDDStorageInfo()} (memory +
 * disk of every cached RDD) from a daemon thread and keeps the largest sum seen since
 * {@link #begin}. A sampled, slightly stale view (the status store is refreshed on the listener
 * bus at most every {@code spark.ui.liveUpdate.period}), so it can miss short peaks.
 */
final class CachedBytesPoller implements AutoCloseable {

  private final SparkContext sc;
  private final Thread thread;
  private long baseline;
  private long peak;
  private long windowStart;
  private long peakAt;
  private List<CachePeak.CachedRdd> atPeak = List.of();

  CachedBytesPoller(SparkContext sc, long periodMillis) {
    this.sc = sc;
    this.thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          poll();
          Thread.sleep(periodMillis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cache-footprint-poller");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    List<CachePeak.CachedRdd> rdds = new ArrayList<>();
    long sum = 0;
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      long bytes = info.memSize() + info.diskSize();
      sum += bytes;
      rdds.add(new CachePeak.CachedRdd(info.id(), info.name(), info.callSite(), bytes));
    }
    synchronized (this) {
      if (sum > peak) {
        peak = sum;
        peakAt = System.nanoTime();
        rdds.sort(Comparator.comparingLong(CachePeak.CachedRdd::bytes).reversed());
        atPeak = rdds;
      }
    }
  }

  /** Starts a window at the current sum. */
  synchronized void begin() {
    long sum = 0;
    for (RDDInfo info : sc.getRDDStorageInfo()) {
      sum += info.memSize() + info.diskSize();
    }
    baseline = sum;
    peak = sum;
    windowStart = System.nanoTime();
    peakAt = windowStart;
    atPeak = List.of();
  }

  /** The window's largest polled sum. */
  synchronized CachePeak peak() {
    return new CachePeak(baseline, peak, (peakAt - windowStart) / 1_000_000, atPeak);
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
