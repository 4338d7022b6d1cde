package org.sparktune.bench;

import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The synthetic classification set of the multi-fidelity benchmark: non-linear, noisy and
 * imbalanced, so that tree depth and ensemble size matter and a linear model does not suffice.
 * Deterministic from its seed and built inside Spark ({@code spark.range}), so nothing is
 * collected or committed; row {@code i} depends on {@code (seed, i)} only, so a larger set holds
 * a smaller one as its first rows.
 *
 * <p>Row {@code i} draws from its own {@code java.util.Random} seeded by SplitMix64 of {@code
 * seed + golden × (i + 1)} (as {@link BenchData#synthetic}): 20 features, {@code x0, x1}
 * uniform on [-1, 1], {@code x2 .. x19} standard normal, of which {@code x0 .. x8} are
 * informative and {@code x9 .. x19} noise. The score is
 *
 * <pre>
 * z = -3.5 + 2.0 · [x0 &gt; 0.3 and x1 &gt; -0.2]      (a threshold interaction)
 *          + 1.2 · x2 · x3                          (a product)
 *          + 1.0 · sin(2 · x4)                      (a periodic effect)
 *          + 0.6 · (x5² - 1)                        (a symmetric effect)
 *          - 1.2 · [x6 &lt; -0.5] · x7                (a gated slope)
 *          + 0.4 · x8                               (a weak linear effect)
 * </pre>
 *
 * <p>and the label is 1 with probability {@code sigmoid(z)}, then flipped with probability 0.02
 * (label noise). About 13.5 % of rows are positive (the benchmark prints the rate it
 * generated), and no model can pass an area under ROC of about 0.835, that of the true
 * probability (both estimated by simulation of the formula on 400,000 rows). The columns:
 * {@code id} (long), {@code features} (vector), {@code label} (double); the benchmark adds the
 * shared {@code fold} ({@link BenchData#withFold}).
 */
final class NonLinearData {

  /** Features: 9 informative, 11 noise. */
  static final int FEATURES = 20;

  private NonLinearData() {}

  /** {@code rows} rows from {@code seed}, in {@code partitions} partitions. */
  static Dataset<Row> generate(SparkSession spark, long rows, long seed, int partitions) {
    StructType schema = new StructType().add("id", DataTypes.LongType)
        .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
    MapFunction<Long, Row> draw = i -> {
      Random r = new Random(BenchData.mix64(seed + 0x9E3779B97F4A7C15L * (i + 1)));
      double[] x = new double[FEATURES];
      x[0] = 2 * r.nextDouble() - 1;
      x[1] = 2 * r.nextDouble() - 1;
      for (int j = 2; j < FEATURES; j++) {
        x[j] = r.nextGaussian();
      }
      double label = r.nextDouble() < sigmoid(score(x)) ? 1.0 : 0.0;
      if (r.nextDouble() < 0.02) {
        label = 1 - label;
      }
      return RowFactory.create(i, Vectors.dense(x), label);
    };
    return spark.range(0, rows, 1, partitions).map(draw, Encoders.row(schema));
  }

  /** The score {@code z} of the class doc. */
  static double score(double[] x) {
    double z = -3.5;
    z += x[0] > 0.3 && x[1] > -0.2 ? 2.0 : 0.0;
    z += 1.2 * x[2] * x[3];
    z += Math.sin(2 * x[4]);
    z += 0.6 * (x[5] * x[5] - 1);
    z -= x[6] < -0.5 ? 1.2 * x[7] : 0.0;
    z += 0.4 * x[8];
    return z;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
