package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.sparktune.testing.SparkTestSession;

class SplitterBadInputTest {

  private static Dataset<Row> data() {
    return SparkTestSession.get().range(0, 30).toDF("id")
        .withColumn("label", functions.col("id").mod(2).cast("double"))
        .withColumn("fold", functions.col("id").mod(3));
  }

  @Test
  void fewerThanTwoFoldsFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().setNumFolds(1));
    assertEquals("StratifiedKFold numFolds is 1; cross-validation needs at least 2 folds: set"
        + " numFolds to 2 or more, or use Holdout for one train/validation split.",
        e.getMessage());
  }

  @Test
  void missingLabelColumnFailsNamingTheColumnsThatExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().setLabelCol("y").validate(data().schema()));
    assertEquals("StratifiedKFold labelCol 'y' is not a column of the input; its columns are"
        + " [id, label, fold]. Set labelCol to one of them.", e.getMessage());
  }

  @Test
  void foldColumnThatIsNotIntegerFailsWithTheCast() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FoldColumn().setFoldCol("fold").validate(data().schema()));
    assertEquals("foldCol 'fold' must be an integer column but is bigint; cast it with"
        + " col(\"fold\").cast(\"int\") or use another splitter.", e.getMessage());
  }

  @Test
  void foldIdsOutsideTheFoldsFail() {
    Dataset<Row> d = data().withColumn("fold", functions.col("id").mod(4).cast("int"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FoldColumn().setNumFolds(3).split(d, 1));
    assertEquals("foldCol 'fold' holds values from 0 to 3 but numFolds is 3; fold ids must lie"
        + " in [0, 3): renumber the folds or set numFolds to match.", e.getMessage());
  }

  @Test
  void holdoutRatioOutsideZeroToOneFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Holdout().setValidationRatio(1.0));
    assertEquals("Holdout validationRatio is 1.0; it must lie strictly between 0 and 1 (e.g."
        + " 0.2 keeps a fifth of the rows for validation).", e.getMessage());
  }

  @Test
  void emptyInputFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KFold().split(data().limit(0), 1));
    assertEquals("the input DataFrame has no rows, so it cannot be split into folds; check the"
        + " filter or table version that produced it.", e.getMessage());
  }

  @Test
  void unknownSplitterOptionFailsListingTheOptions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("kFold", Map.of("folds", 3)));
    assertEquals("splitter 'kFold' has no option 'folds'; its options are [numFolds].",
        e.getMessage());
  }
}
