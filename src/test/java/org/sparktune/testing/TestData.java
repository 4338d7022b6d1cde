package org.sparktune.testing;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Real data sets from {@code test-data/}, read once per JVM and cached. */
public final class TestData {

  /** The Adult columns, in file order. */
  public static final String[] ADULT_COLUMNS = {"age", "workclass", "fnlwgt", "education",
      "education_num", "marital_status", "occupation", "relationship", "race", "sex",
      "capital_gain", "capital_loss", "hours_per_week", "native_country", "income"};

  /** Adult's numeric columns. */
  public static final String[] ADULT_NUMERIC = {"age", "fnlwgt", "education_num",
      "capital_gain", "capital_loss", "hours_per_week"};

  /** Adult's categorical columns. */
  public static final String[] ADULT_CATEGORICAL = {"workclass", "education", "marital_status",
      "occupation", "relationship", "race", "sex", "native_country"};

  private static Dataset<Row> adult;
  private static Dataset<Row> multiclass;

  private TestData() {}

  /**
   * Adult (UCI), all 32,561 rows: the 15 columns (numeric ones as double) and {@code label}
   * (1.0 for income >50K).
   */
  public static synchronized Dataset<Row> adult() {
    if (adult == null) {
      SparkSession spark = SparkTestSession.get();
      Dataset<Row> raw = spark.read().option("inferSchema", "true")
          .option("ignoreLeadingWhiteSpace", "true").csv("test-data/adult/adult.data")
          .toDF(ADULT_COLUMNS);
      for (String c : ADULT_NUMERIC) {
        raw = raw.withColumn(c, functions.col(c).cast("double"));
      }
      adult = raw.withColumn("label",
          functions.when(functions.col("income").equalTo(">50K"), 1.0).otherwise(0.0))
          .cache();
      adult.count();
    }
    return adult;
  }

  /** The first {@code n} Adult rows with numeric features assembled in {@code features}. */
  public static Dataset<Row> adultNumeric(int n) {
    return new VectorAssembler().setInputCols(ADULT_NUMERIC).setOutputCol("features")
        .transform(adult().limit(n));
  }

  /** Indexes and one-hot encodes Adult's categorical columns and assembles every feature. */
  public static PipelineStage[] adultFeatureStages() {
    String[] indexed = new String[ADULT_CATEGORICAL.length];
    String[] encoded = new String[ADULT_CATEGORICAL.length];
    for (int i = 0; i < ADULT_CATEGORICAL.length; i++) {
      indexed[i] = ADULT_CATEGORICAL[i] + "_index";
      encoded[i] = ADULT_CATEGORICAL[i] + "_onehot";
    }
    StringIndexer indexer = new StringIndexer().setInputCols(ADULT_CATEGORICAL)
        .setOutputCols(indexed).setHandleInvalid("keep");
    OneHotEncoder encoder = new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded);
    String[] all = new String[encoded.length + ADULT_NUMERIC.length];
    System.arraycopy(encoded, 0, all, 0, encoded.length);
    System.arraycopy(ADULT_NUMERIC, 0, all, encoded.length, ADULT_NUMERIC.length);
    VectorAssembler assembler = new VectorAssembler().setInputCols(all)
        .setOutputCol("features");
    return new PipelineStage[] {indexer, encoder, assembler};
  }

  /** A Pipeline of Adult's feature stages followed by {@code model}. */
  public static Pipeline adultPipeline(PipelineStage model) {
    PipelineStage[] features = adultFeatureStages();
    PipelineStage[] stages = new PipelineStage[features.length + 1];
    System.arraycopy(features, 0, stages, 0, features.length);
    stages[features.length] = model;
    return new Pipeline().setStages(stages);
  }

  /** Spark's sample_multiclass_classification_data: 150 rows, 3 classes, 4 features. */
  public static synchronized Dataset<Row> multiclass() {
    if (multiclass == null) {
      multiclass = SparkTestSession.get().read().format("libsvm")
          .load("test-data/mllib/sample_multiclass_classification_data.txt").cache();
      multiclass.count();
    }
    return multiclass;
  }
}
