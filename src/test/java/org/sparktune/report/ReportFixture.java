package org.sparktune.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.sparktune.HyperparameterSearch;
import org.sparktune.TunedModel;
import org.sparktune.schedule.SuccessiveHalving;
import org.sparktune.search.RandomSampler;
import org.sparktune.search.TpeSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.StratifiedKFold;
import org.sparktune.study.Direction;
import org.sparktune.study.InMemoryTrialStore;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.testing.SparkTestSession;
import org.sparktune.testing.TestData;

/**
 * The studies the report tests render, built once per JVM: a real search (successive halving,
 * 9 logistic-regression candidates on 2,500 Adult rows, 3 folds, a log-scale, a uniform and a
 * categorical param) that also logs to a Delta study log, and a study told by hand whose names,
 * values and errors are hostile HTML.
 */
final class ReportFixture {

  static final String STUDY = "adult-halving";
  /** Text that would end a script element and start markup if it reached the page raw. */
  static final String HOSTILE = "</script><b>bold</b><script>alert(1)</script>";

  private static TunedModel model;
  private static Path logDir;
  private static Study hostile;

  private ReportFixture() {}

  /** The fitted search. */
  static synchronized TunedModel model() {
    if (model == null) {
      SparkTestSession.get();
      try {
        logDir = Files.createTempDirectory("sparktune-report-log");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LogisticRegression lr = new LogisticRegression().setMaxIter(5);
      model = new HyperparameterSearch()
          .setEstimator(lr)
          .setEvaluator(new BinaryClassificationEvaluator())
          .setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0)
              .uniform(lr.elasticNetParam(), 0.0, 1.0)
              .categorical(lr.standardization(), true, false))
          .setSampler(new TpeSampler().setStartupTrials(4))
          .setScheduler(new SuccessiveHalving().setMinFraction(1.0 / 9))
          .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
          .setStudyName(STUDY).setStudyLog(logDir.resolve("log").toString())
          .setMaxTrials(9).setParallelism(2).setSeed(5)
          .fit(TestData.adultNumeric(2500));
    }
    return model;
  }

  /** The Delta study log the search wrote. */
  static synchronized String logPath() {
    model();
    return logDir.resolve("log").toString();
  }

  /**
   * A study told by hand, no Spark: hostile study, dimension and category names, 10 trials
   * (9 complete, one failed with a hostile error).
   */
  static synchronized Study hostile() {
    if (hostile == null) {
      SearchSpace space = new SearchSpace().uniform("x\"'<i>" + HOSTILE, 0, 1)
          .categorical("kind" + HOSTILE, "<b>a</b>", "b&amp;", HOSTILE);
      hostile = Study.create("study" + HOSTILE, space, new RandomSampler(), Direction.MINIMIZE,
          3, new InMemoryTrialStore());
      for (int i = 0; i < 10; i++) {
        Trial t = hostile.ask();
        if (i == 4) {
          hostile.fail(t, "boom " + HOSTILE);
        } else {
          double x = (Double) t.params().get("x\"'<i>" + HOSTILE);
          hostile.tell(t, (x - 0.3) * (x - 0.3) + i * 1e-3);
        }
      }
    }
    return hostile;
  }
}
