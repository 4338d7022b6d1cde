package org.sparktune;

import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.sparktune.space.SearchSpace;

/** Every check {@link HyperparameterSearch} makes before a job runs. */
final class SearchValidation {

  /** Evaluator params that name a column the model (or the input) must have. */
  private static final List<String> EVALUATOR_COLUMNS =
      List.of("labelCol", "predictionCol", "rawPredictionCol", "featuresCol");

  private SearchValidation() {}

  /**
   * What the checks established.
   *
   * @param boundSpace the space bound to the estimator's stages
   * @param outputSchema the schema the fitted model outputs
   */
  record Checked(SearchSpace boundSpace, StructType outputSchema) {}

  static Checked check(HyperparameterSearch search, StructType schema) {
    requireSet(search, search.estimator(), "setEstimator(pipeline)");
    requireSet(search, search.evaluator(), "setEvaluator(new BinaryClassificationEvaluator())");
    requireSet(search, search.searchSpace(),
        "setSearchSpace(new SearchSpace().logUniform(lr.regParam(), 1e-4, 1.0))");
    Estimator<?> estimator = search.getEstimator();
    SearchSpace space = search.getSearchSpace();
    if (space.dimensions().isEmpty()) {
      throw SearchErrors.emptySpace();
    }
    SearchSpace bound = space.bind(estimator);
    search.getSampler().validate(bound.dimensions());
    search.getScheduler().validate(search.getMaxTrials(),
        search.getSampler().capacity(bound.dimensions()));
    search.getSplitter().validate(schema);
    StructType output;
    try {
      output = estimator.transformSchema(schema);
    } catch (RuntimeException e) {
      throw SearchErrors.estimatorRejectsInput(estimator.uid(), e, schema);
    }
    checkEvaluatorColumns(search.getEvaluator(), output);
    return new Checked(bound, output);
  }

  static void checkNotEmpty(Dataset<?> data) {
    if (data.isEmpty()) {
      throw SearchErrors.emptyInput();
    }
  }

  /** The evaluator's metric name, from its metricName param when it has one. */
  static String metricName(Evaluator evaluator) {
    if (evaluator.hasParam("metricName")) {
      return String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName")));
    }
    return evaluator.getClass().getSimpleName();
  }

  private static void requireSet(HyperparameterSearch search, Param<?> param, String example) {
    if (!search.isDefined(param)) {
      throw SearchErrors.notSet(param.name(), example);
    }
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
        throw SearchErrors.evaluatorColumnMissing(evaluator.getClass().getSimpleName(), name,
            column, output);
      }
    }
  }
}
