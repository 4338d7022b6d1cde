package org.sparktune.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkFirehoseListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerUnpersistRDD;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.RDDInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Every cached RDD block as the listener bus reports it: each block's current memory + disk
 * size, their running total, and the total's maximum since {@link #begin}, with the cached RDDs
 * at that moment. Exact in the order the block manager master saw the updates, which is the
 * order the storage status is built in.
 *
 * <p>Blocks of an unpersisted RDD are dropped on its {@code SparkListenerUnpersistRDD} (the
 * block manager removes them without a block update), and later updates for it are ignored, as
 * the status store does. Callbacks run on the listener bus thread; the other methods on the
 * caller's; all share one lock.
 */
final class CachedBytesListener extends SparkFirehoseListener {

  private record Key(String executor, int rdd, int split) {}

  private final Map<Key, Long> blocks = new HashMap<>();
  private final Map<Integer, Long> rddBytes = new HashMap<>();
  private final Map<Integer, String[]> rddNames = new HashMap<>();
  private final Set<Integer> unpersisted = new HashSet<>();
  private long total;
  private long baseline;
  private long peak;
  private long windowStart;
  private long peakAt;
  private Map<Integer, Long> atPeak = Map.of();
  private volatile long lastEvent = System.nanoTime();

  @Override
  public synchronized void onEvent(SparkListenerEvent event) {
    lastEvent = System.nanoTime();
    if (event instanceof SparkListenerBlockUpdated updated) {
      blockUpdated(updated.blockUpdatedInfo());
    } else if (event instanceof SparkListenerUnpersistRDD gone) {
      unpersisted.add(gone.rddId());
      blocks.keySet().removeIf(k -> k.rdd() == gone.rddId());
      Long bytes = rddBytes.remove(gone.rddId());
      total -= bytes == null ? 0 : bytes;
    } else if (event instanceof SparkListenerStageSubmitted stage) {
      for (RDDInfo rdd : CollectionConverters.asJava(stage.stageInfo().rddInfos())) {
        rddNames.putIfAbsent(rdd.id(), new String[] {rdd.name(), rdd.callSite()});
      }
    }
  }

  private void blockUpdated(BlockUpdatedInfo info) {
    if (!(info.blockId() instanceof RDDBlockId id) || unpersisted.contains(id.rddId())) {
      return;
    }
    Key key = new Key(info.blockManagerId().executorId(), id.rddId(), id.splitIndex());
    long now = info.storageLevel().isValid() ? info.memSize() + info.diskSize() : 0;
    Long before = now > 0 ? blocks.put(key, now) : blocks.remove(key);
    long delta = now - (before == null ? 0 : before);
    total += delta;
    rddBytes.merge(id.rddId(), delta, Long::sum);
    if (total > peak) {
      peak = total;
      peakAt = System.nanoTime();
      atPeak = new HashMap<>(rddBytes);
    }
  }

  /** Starts a window: the current total is its baseline and, for now, its peak. */
  synchronized void begin() {
    baseline = total;
    peak = total;
    windowStart = System.nanoTime();
    peakAt = windowStart;
    atPeak = new HashMap<>(rddBytes);
  }

  /** The window's peak so far; call after {@link #awaitQuiet} to have seen every update. */
  synchronized CachePeak peak() {
    List<CachePeak.CachedRdd> rdds = new ArrayList<>();
    atPeak.forEach((id, bytes) -> {
      if (bytes > 0) {
        String[] name = rddNames.getOrDefault(id, new String[] {"?", "?"});
        rdds.add(new CachePeak.CachedRdd(id, name[0], name[1], bytes));
      }
    });
    rdds.sort(Comparator.comparingLong(CachePeak.CachedRdd::bytes).reversed());
    return new CachePeak(baseline, peak, (peakAt - windowStart) / 1_000_000, rdds);
  }

  /** The cached total now (as far as the bus has delivered). */
  synchronized long total() {
    return total;
  }

  /** Waits until the bus has been quiet for {@code quietMillis} (at most 60 s). */
  void awaitQuiet(long quietMillis) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    long quiet = quietMillis * 1_000_000;
    while (System.nanoTime() - lastEvent < quiet && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
