package org.sparktune.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.sparktune.study.Direction;

/**
 * The metric and direction of the evaluator a study log recorded: its text is the class's
 * simple name and the params set on it ({@code RegressionEvaluator{metricName=r2, ...}}). An
 * MLlib evaluator is built again from it (its default metric when none was set) and asked.
 *
 * @param name the metric's name
 * @param direction whether larger or smaller is better
 */
record RecordedMetric(String name, Direction direction) {

  private static final Pattern METRIC = Pattern.compile("[{ ,]metricName=([^,}]*)");

  /** The metric of {@code evaluator}, as recorded in the log at {@code path}. */
  static RecordedMetric of(String evaluator, String path, String study) {
    int brace = evaluator.indexOf('{');
    String simpleName = brace < 0 ? evaluator : evaluator.substring(0, brace);
    Evaluator built;
    try {
      built = (Evaluator) Class.forName("org.apache.spark.ml.evaluation." + simpleName)
          .getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException("study '" + study + "' in the log " + path
          + " was scored by the evaluator '" + evaluator + "', which is no MLlib evaluator,"
          + " so the report cannot tell its metric and direction; give them with"
          + " StudyReport.fromStudyLog(spark, path, study, metricName, direction).", e);
    }
    if (!built.hasParam("metricName")) {
      return new RecordedMetric(simpleName, built.isLargerBetter() ? Direction.MAXIMIZE
          : Direction.MINIMIZE);
    }
    Param<Object> param = built.getParam("metricName");
    Matcher m = METRIC.matcher(evaluator);
    if (m.find()) {
      built = built.copy(ParamMap.empty().put(param, m.group(1)));
    }
    return new RecordedMetric(String.valueOf(built.getOrDefault(param)),
        built.isLargerBetter() ? Direction.MAXIMIZE : Direction.MINIMIZE);
  }
}
