package org.sparktune.bench;

import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark data sets, each with {@code label} and an int {@code fold}; all but
 * {@link #adultRaw} also with {@code features}.
 */
final class BenchData {

  private static final String[] ADULT_CATEGORICAL = {"workclass", "education",
      "marital_status", "occupation", "relationship", "race", "sex", "native_country"};
  private static final String[] ADULT_NUMERIC = {"age", "fnlwgt", "education_num",
      "capital_gain", "capital_loss", "hours_per_week"};

  private BenchData() {}

  /**
   * The synthetic logistic data of the CrossValidator baseline: 20 features (10 informative,
   * weights {@code new Random(42).nextGaussian()}, intercept -0.5), row i drawn from its own
   * {@code Random} seeded by SplitMix64 of {@code seed + golden * (i + 1)}; built inside Spark
   * from {@code spark.range(0, rows, 1, 2)}.
   */
  static Dataset<Row> synthetic(SparkSession spark, long rows, long seed) {
    int d = 20;
    double[] w = new double[d];
    Random weights = new Random(42);
    for (int j = 0; j < 10; j++) {
      w[j] = weights.nextGaussian();
    }
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
    MapFunction<Long, Row> draw = i -> {
      Random r = new Random(mix64(seed + 0x9E3779B97F4A7C15L * (i + 1)));
      double[] x = new double[d];
      double z = -0.5;
      for (int j = 0; j < d; j++) {
        x[j] = r.nextGaussian();
        z += w[j] * x[j];
      }
      double label = r.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1.0 : 0.0;
      return RowFactory.create(i, Vectors.dense(x), label);
    };
    return withFold(spark.range(0, rows, 1, 2).map(draw, Encoders.row(schema)));
  }

  /** Adult, featurised once (indexed, one-hot, assembled) so both tools tune only the model. */
  static Dataset<Row> adult(SparkSession spark, String path) {
    Dataset<Row> raw = adultRows(spark, path);
    Pipeline features = new Pipeline().setStages(adultFeatureStages());
    return withFold(features.fit(raw).transform(raw).select("id", "features", "label"));
  }

  /**
   * Adult as read, with {@code id}, {@code label} and {@code fold}: the input of a pipeline
   * that starts with {@link #adultFeatureStages()}.
   */
  static Dataset<Row> adultRaw(SparkSession spark, String path) {
    return withFold(adultRows(spark, path));
  }

  /**
   * Adult's feature stages: StringIndexer over the eight categorical columns (unseen values
   * kept), OneHotEncoder, VectorAssembler of the encoded and the six numeric columns into
   * {@code features}. New instances on every call.
   */
  static PipelineStage[] adultFeatureStages() {
    String[] indexed = new String[ADULT_CATEGORICAL.length];
    String[] encoded = new String[ADULT_CATEGORICAL.length];
    for (int i = 0; i < ADULT_CATEGORICAL.length; i++) {
      indexed[i] = ADULT_CATEGORICAL[i] + "_i";
      encoded[i] = ADULT_CATEGORICAL[i] + "_v";
    }
    String[] inputs = new String[encoded.length + ADULT_NUMERIC.length];
    System.arraycopy(encoded, 0, inputs, 0, encoded.length);
    System.arraycopy(ADULT_NUMERIC, 0, inputs, encoded.length, ADULT_NUMERIC.length);
    return new PipelineStage[] {
        new StringIndexer().setInputCols(ADULT_CATEGORICAL).setOutputCols(indexed)
            .setHandleInvalid("keep"),
        new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded),
        new VectorAssembler().setInputCols(inputs).setOutputCol("features")};
  }

  private static Dataset<Row> adultRows(SparkSession spark, String path) {
    String[] names = {"age", "workclass", "fnlwgt", "education", "education_num",
        "marital_status", "occupation", "relationship", "race", "sex", "capital_gain",
        "capital_loss", "hours_per_week", "native_country", "income"};
    return spark.read().option("inferSchema", "true")
        .option("ignoreLeadingWhiteSpace", "true").csv(path).toDF(names)
        .withColumn("id", functions.monotonically_increasing_id())
        .withColumn("label", functions.when(functions.col("income").equalTo(">50K"), 1.0)
            .otherwise(0.0));
  }

  /** Adds the fold both tools share: a seeded hash of the row id, in [0, 3). */
  static Dataset<Row> withFold(Dataset<Row> data) {
    return data.withColumn("fold", functions.pmod(functions.xxhash64(functions.col("id"),
        functions.lit(1234L)), functions.lit(3L)).cast(DataTypes.IntegerType));
  }

  /** SplitMix64's finaliser. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
