package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Holdout;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialEvent;
import org.sparktune.study.TrialState;
import org.sparktune.study.TuningException;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/**
 * The study timeout holds on real Spark over deliberately slow fits: gradient-boosted trees of
 * 1,000 iterations on 8,000 Adult rows, each iteration a few Spark jobs, so that a fit takes
 * minutes on any machine and neither can finish before the timeout, however quiet the machine
 * (a slow LogisticRegression converged before the timeout on a quiet one).
 */
class StudyTimeoutOnSparkTest {

  private static Dataset<Row> features;

  @BeforeAll
  static void features() {
    Dataset<Row> rows = TestData.adult().limit(8000);
    PipelineModel fitted = new Pipeline().setStages(TestData.adultFeatureStages()).fit(rows);
    features = fitted.transform(rows).select("features", "label").cache();
    features.count();
  }

  @AfterAll
  static void release() {
    features.unpersist();
  }

  private static GBTClassifier slowable() {
    return new GBTClassifier().setMaxDepth(5);
  }

  /** A search over maxIter: the values listed, in order, on one holdout split. */
  private static HyperparameterSearch search(GBTClassifier gbt, int parallelism,
      Object... maxIters) {
    return new HyperparameterSearch().setEstimator(gbt)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(gbt.maxIter(), maxIters))
        .setSampler(new GridSampler())
        .setSplitter(new Holdout().setLabelCol("label"))
        .setMaxTrials(maxIters.length).setParallelism(parallelism).setSeed(7).setRefit(false);
  }

  private static boolean idle(SparkContext sc) {
    if (sc.statusTracker().getActiveJobIds().length > 0) {
      return false;
    }
    for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
      if (e.numRunningTasks() > 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theStudyTimeoutHoldsWithinTwoSecondsAndTheExecutorsAreFreeWithinOneAfterIt()
      throws InterruptedException {
    // Two slow fits at once, both far longer than the timeout: neither may finish.
    GBTClassifier gbt = slowable();
    double timeout = 8;
    InMemoryTrialStore store = new InMemoryTrialStore();
    HyperparameterSearch tuner = search(gbt, 2, 1000, 1001).setTimeout(timeout)
        .setTrialStore(store);
    long start = System.nanoTime();
    TuningException e = assertThrows(TuningException.class, () -> tuner.fit(features));
    long returned = System.nanoTime();
    double seconds = (returned - start) / 1e9;
    SparkContext sc = SparkTestSession.get().sparkContext();
    long idleBy = returned + TimeUnit.SECONDS.toNanos(1);
    while (!idle(sc) && System.nanoTime() - idleBy < 0) {
      Thread.sleep(10);
    }
    assertTrue(idle(sc), "a job or a task still runs 1 s after fit returned");
    assertTrue(seconds < timeout + 2, "fit took " + seconds + " s with a timeout of " + timeout);

    assertEquals("no trial completed (2 asked); raise maxTrials or the timeout.",
        e.getMessage());
    List<TrialEvent> ends = store.events().stream()
        .filter(ev -> ev.kind() != TrialEvent.Kind.CREATED
            && ev.kind() != TrialEvent.Kind.STARTED).toList();
    assertEquals(2, ends.size(), ends.toString());
    for (TrialEvent end : ends) {
      assertEquals(TrialEvent.Kind.PRUNED, end.kind());
      assertEquals("stopped at the study timeout of 8 s while running data fraction 1.0",
          end.error());
    }
    // Nothing the cut-off trials' threads do later reaches the study.
    assertTrue(within(3000, () -> idle(sc)));
    assertEquals(5, store.events().size(), "the run's start, 2 trials created, 2 ended");
  }

  private static boolean within(long millis, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
