package org.sparktune.exec;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparktune.schedule.Scheduler;
import org.sparktune.search.Sampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Splitter;

/**
 * Every check a search makes before a job runs: the space belongs to the estimator, the
 * sampler can search it, the scheduler fits the trial budget and the sampler, the splitter and
 * the estimator find their columns, and the evaluator finds the columns the model writes.
 */
public final class SearchChecks {

  /** Evaluator params that name a column the model (or the input) must have. */
  private static final List<String> EVALUATOR_COLUMNS =
      List.of("labelCol", "predictionCol", "rawPredictionCol", "featuresCol");

  private SearchChecks() {}

  /**
   * What the checks established.
   *
   * @param boundSpace the space bound to the estimator's stages
   * @param scheduler the scheduler the study runs: the one asked for, resolved for the
   *     parallelism and the trial limit (see {@link Scheduler#resolve})
   * @param outputSchema the schema the fitted model outputs
   */
  public record Checked(SearchSpace boundSpace, Scheduler scheduler, StructType outputSchema) {}

  /**
   * Checks a search's parts against the input's schema, before any job, and resolves the
   * scheduler for {@code parallelism} trials at once.
   */
  public static Checked check(Estimator<?> estimator, Evaluator evaluator, SearchSpace space,
      Sampler sampler, Scheduler scheduler, Splitter splitter, int maxTrials, int parallelism,
      StructType schema) {
    if (space.dimensions().isEmpty()) {
      throw InputErrors.emptySpace();
    }
    SearchSpace bound = space.bind(estimator);
    sampler.validate(bound.dimensions());
    long capacity = sampler.capacity(bound.dimensions());
    scheduler.validate(maxTrials, capacity);
    Scheduler resolved = scheduler.resolve(parallelism, Math.min(maxTrials, capacity));
    if (resolved != scheduler) {
      resolved.validate(maxTrials, capacity);
    }
    splitter.validate(schema);
    StructType output;
    try {
      output = estimator.transformSchema(schema);
    } catch (RuntimeException e) {
      throw InputErrors.estimatorRejectsInput(estimator.uid(), e, schema);
    }
    // The trials fit and score the folds' rows, which may lack a column of the input.
    StructType read = splitter.readSchema(schema);
    StructType trialOutput = output;
    if (!read.equals(schema)) {
      try {
        trialOutput = estimator.transformSchema(read);
      } catch (RuntimeException e) {
        throw InputErrors.estimatorReadsDroppedColumn(estimator.uid(), e, schema, read);
      }
    }
    checkEvaluatorColumns(evaluator, trialOutput);
    return new Checked(bound, resolved, output);
  }

  /** Fails when {@code data} has no rows. */
  public static void checkNotEmpty(Dataset<?> data) {
    if (data.isEmpty()) {
      throw InputErrors.emptyInput();
    }
  }

  /** The evaluator's metric name, from its metricName param when it has one. */
  public static String metricName(Evaluator evaluator) {
    if (evaluator.hasParam("metricName")) {
      return String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName")));
    }
    return evaluator.getClass().getSimpleName();
  }

  private static void checkEvaluatorColumns(Evaluator evaluator, StructType output) {
    List<String> names = List.of(output.fieldNames());
    for (String name : EVALUATOR_COLUMNS) {
      if (!evaluator.hasParam(name)) {
        continue;
      }
      Param<?> param = evaluator.getParam(name);
      if (!evaluator.isDefined(param)) {
        continue;
      }
      String column = String.valueOf(evaluator.getOrDefault(param));
      if (!names.contains(column)) {
        throw InputErrors.evaluatorColumnMissing(evaluator.getClass().getSimpleName(), name,
            column, output);
      }
    }
  }
}
