package org.sparktune.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * The stages before the estimator: the features (numeric columns assembled, string columns
 * indexed and one-hot encoded, or a saved Pipeline's stages) and a string label indexed.
 * Columns named in the config are checked against the data here (exit code 3).
 *
 * @param stages the stages, in order
 * @param labelCol the label column the estimator reads (the indexed one for a string label),
 *     or null without a label
 * @param numeric the numeric feature columns
 * @param categorical the one-hot encoded columns
 */
record FeatureStages(List<PipelineStage> stages, String labelCol, List<String> numeric,
    List<String> categorical) {

  /** The column the estimator reads its features from. */
  static final String FEATURES = "features";

  static FeatureStages of(StudyConfig config, StructType schema, List<String> reserved) {
    List<String> columns = Arrays.asList(schema.fieldNames());
    String label = config.label();
    List<PipelineStage> stages = new ArrayList<>();
    String labelCol = label;
    if (label != null) {
      requireColumn(schema, label, "label");
      if (schema.apply(label).dataType() instanceof StringType) {
        labelCol = label + "_index";
        stages.add(new StringIndexer().setInputCol(label).setOutputCol(labelCol));
      } else if (!(schema.apply(label).dataType() instanceof NumericType)) {
        throw CliFailure.data("label column '" + label + "' is " + type(schema, label)
            + "; a label must be numeric or a string; cast it or choose another column.");
      }
    }
    StudyConfig.Features f = config.features();
    if (f.pipeline() != null) {
      stages.addAll(0, savedStages(f.pipeline()));
      return new FeatureStages(stages, labelCol, List.of(), List.of());
    }
    List<String> numeric = new ArrayList<>(f.numeric());
    List<String> categorical = new ArrayList<>(f.categorical());
    if (numeric.isEmpty() && categorical.isEmpty()) {
      for (String c : columns) {
        if (c.equals(label) || f.exclude().contains(c) || reserved.contains(c)) {
          continue;
        }
        DataType t = schema.apply(c).dataType();
        if (t instanceof NumericType) {
          numeric.add(c);
        } else if (t instanceof StringType) {
          categorical.add(c);
        }
      }
    }
    for (String c : numeric) {
      requireColumn(schema, c, "features.numeric");
      if (!(schema.apply(c).dataType() instanceof NumericType)) {
        throw CliFailure.data("features.numeric column '" + c + "' is " + type(schema, c)
            + "; list it under features.categorical if it is a string, or cast it.");
      }
    }
    for (String c : categorical) {
      requireColumn(schema, c, "features.categorical");
      if (!(schema.apply(c).dataType() instanceof StringType)) {
        throw CliFailure.data("features.categorical column '" + c + "' is " + type(schema, c)
            + "; list it under features.numeric if it is a number.");
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw CliFailure.data("the data has no numeric or string column besides the label"
          + " (columns " + columns + "); name the features under features.numeric or"
          + " features.categorical.");
    }
    List<String> assembled = new ArrayList<>(numeric);
    for (String c : categorical) {
      stages.add(new StringIndexer().setInputCol(c).setOutputCol(c + "_index")
          .setHandleInvalid("keep"));
      stages.add(new OneHotEncoder().setInputCol(c + "_index").setOutputCol(c + "_onehot"));
      assembled.add(c + "_onehot");
    }
    stages.add(new VectorAssembler().setInputCols(assembled.toArray(new String[0]))
        .setOutputCol(FEATURES).setHandleInvalid("skip"));
    return new FeatureStages(stages, labelCol, numeric, categorical);
  }

  private static List<PipelineStage> savedStages(String path) {
    Pipeline saved;
    try {
      saved = Pipeline.load(path);
    } catch (Exception e) { // Hadoop's IOException, thrown undeclared from Scala
      throw CliFailure.config("features.pipeline " + path + " is not a saved Pipeline: "
          + InputData.firstLine(e) + "; save one with pipeline.write().save(path).");
    }
    return Arrays.asList(saved.getStages());
  }

  static void requireColumn(StructType schema, String column, String key) {
    List<String> columns = Arrays.asList(schema.fieldNames());
    if (!columns.contains(column)) {
      throw CliFailure.data(key + " column '" + column + "' is not in the data."
          + Suggestions.didYouMean(column, columns) + " Its columns are " + columns + ".");
    }
  }

  private static String type(StructType schema, String column) {
    return schema.apply(column).dataType().simpleString();
  }
}
