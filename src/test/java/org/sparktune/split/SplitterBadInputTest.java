package org.sparktune.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparktune.testing.SparkTestSession;

class SplitterBadInputTest {

  private static Folds threeFolds;

  @BeforeAll
  static void split() {
    threeFolds = new KFold().setNumFolds(3).split(data(), 1);
  }

  @AfterAll
  static void close() {
    threeFolds.close();
  }

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

  @Test
  void foldIndexThatDoesNotExistFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> threeFolds.train(3, 1.0));
    assertEquals("fold 3 does not exist: this split has 3 fold(s), numbered 0 to 2; pass a fold"
        + " index in that range.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> threeFolds.validation(-1));
    assertEquals("fold -1 does not exist: this split has 3 fold(s), numbered 0 to 2; pass a fold"
        + " index in that range.", e.getMessage());
  }

  @Test
  void dataFractionOutsideZeroToOneFails() {
    for (double f : new double[] {0, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> threeFolds.train(0, f));
      assertEquals("data fraction is " + f + "; it must lie in (0, 1]: 1 trains on all of a"
          + " fold's training rows, 0.25 on a nested quarter of them.", e.getMessage());
    }
  }

  @Test
  void aFractionNotDeclaredWhenSplittingFailsNamingTheDeclaredOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> threeFolds.train(0, 0.5));
    assertEquals("data fraction 0.5 was not declared when the data was split; this split serves"
        + " fraction 1 only (its cache keeps each row's level among the declared fractions, not"
        + " a uniform to compare with any fraction): declare 0.5 in the fractions passed to"
        + " Splitter.split(data, seed, fractions), or read one of those.", e.getMessage());
    try (Folds folds = new StratifiedKFold().setNumFolds(3)
        .split(data(), 1, List.of(0.5, 0.25, 1.0, 0.25))) {
      assertEquals(List.of(0.25, 0.5), folds.fractions());
      e = assertThrows(IllegalArgumentException.class, () -> folds.validation(1, 0.3));
      assertEquals("data fraction 0.3 was not declared when the data was split; this split"
          + " serves the fractions [0.25, 0.5] and 1 (its cache keeps each row's level among the"
          + " declared fractions, not a uniform to compare with any fraction): declare 0.3 in the"
          + " fractions passed to Splitter.split(data, seed, fractions), or read one of those.",
          e.getMessage());
      assertEquals(folds.train(1, 0.25).count(), folds.train(1, 0.25 * (1 + 1e-13)).count(),
          "a fraction within 1e-12 of a declared one is that one");
    }
  }

  @Test
  void aDeclaredFractionOutsideZeroToOneFails() {
    for (double f : new double[] {0, -0.5, 1.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new KFold().split(data(), 1, List.of(0.5, f)));
      assertEquals("a declared data fraction is " + f + " (of [0.5, " + f + "]); each must lie"
          + " in (0, 1]: 1 reads all of a fold's rows, 0.25 a nested quarter of them. Declare"
          + " the fractions the study reads, e.g. List.of(1.0 / 9, 1.0 / 3).", e.getMessage());
    }
  }

  @Test
  void kFoldWithMoreFoldsThanRowsFailsNamingTheMostFoldsThatWork() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KFold().setNumFolds(5).split(data().limit(3), 1));
    assertEquals("KFold numFolds is 5 but the input has 3 rows, so 2 fold(s) would validate on"
        + " no row; set numFolds to at most 3.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new KFold().setNumFolds(2).split(data().limit(1), 1));
    assertEquals("KFold numFolds is 2 but the input has 1 row; cross-validation needs at least"
        + " 2 rows, one to validate on in each of 2 folds: add rows.", e.getMessage());
  }

  @Test
  void holdoutThatWouldValidateOnNoRowFailsNamingTheSmallestRatioThatWorks() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Holdout().setValidationRatio(0.2).split(data().limit(3), 1));
    assertEquals("Holdout validationRatio 0.2 on 3 rows puts floor(3 × 0.2) = 0 rows on the"
        + " validation side; set validationRatio to at least 0.3334 (one row in 3), or add"
        + " rows.", e.getMessage());
    try (Folds folds = new Holdout().setValidationRatio(0.3334).split(data().limit(3), 1)) {
      assertEquals(1, folds.validation(0).count(), "the advice works");
    }
  }

  @Test
  void holdoutClassWithNoTrainingRowFails() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(RowFactory.create(i, i == 0 ? 1.0 : 0.0));
    }
    Dataset<Row> d = SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("label", DataTypes.DoubleType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Holdout().setValidationRatio(0.5).setLabelCol("label").split(d, 1));
    assertEquals("Holdout class 1.0 has 1 row(s) and validationRatio 0.5 puts all of them on the"
        + " validation side, so no model would train on that class; lower validationRatio, or"
        + " drop or merge that class.", e.getMessage());
  }

  @Test
  void foldColumnWithAnEmptyFoldFails() {
    Dataset<Row> d = data().withColumn("fold", functions.col("id").mod(2).cast("int"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FoldColumn().setNumFolds(3).split(d, 1));
    assertEquals("foldCol 'fold' has no row with fold id [2] of [0, 3), so that fold would"
        + " validate on no row; renumber the folds to 0..1 and set numFolds to 2.",
        e.getMessage());
  }

  @Test
  void labelColumnOfAnUngroupableTypeFails() {
    Dataset<Row> d = data().withColumn("label", functions.array(functions.col("id")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedKFold().validate(d.schema()));
    assertEquals("StratifiedKFold labelCol 'label' is array<bigint>; stratification needs a"
        + " class per row that Spark can group and order: a number, string, boolean, date or"
        + " timestamp column. Cast or index it (e.g. with StringIndexer), or use KFold or"
        + " Holdout without labelCol.", e.getMessage());
  }

  @Test
  void validationRatioGivenAsAStringFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("holdout", Map.of("validationRatio", "0.2")));
    assertEquals("splitter 'holdout' option validationRatio is the string \"0.2\"; it must be a"
        + " number strictly between 0 and 1, e.g. 0.2 (a JSON number, not a string).",
        e.getMessage());
  }

  @Test
  void numFoldsOutOfRangeFailsInsteadOfBeingClamped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("kFold", Map.of("numFolds", 1e10)));
    assertEquals("splitter 'kFold' option numFolds is 1.0E10; it must be a whole number from 2"
        + " to 2147483647.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("stratifiedKFold", Map.of("numFolds", "5")));
    assertEquals("splitter 'stratifiedKFold' option numFolds is the string \"5\"; it must be a"
        + " number from 2 to 2147483647, e.g. 5 (a JSON number, not a string).",
        e.getMessage());
  }

  @Test
  void columnOptionThatIsNotAStringFails() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("foldColumn", Map.of("foldCol", 3)));
    assertEquals("splitter 'foldColumn' option foldCol is 3 (Integer); it must be a column name,"
        + " as a string.", e.getMessage());
  }

  @Test
  void partitionBytesThatIsNotAPositiveNumberFails() {
    SparkSession spark = SparkTestSession.get();
    spark.conf().set(FoldLayout.PARTITION_BYTES, "64m");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new KFold().split(data(), 1));
      assertEquals("Spark conf spark.sparktune.split.partitionBytes is '64m'; it must be a whole"
          + " number of bytes above 0 (the target size of a cached partition, default 67108864 ="
          + " 64 MiB): set it to e.g. 67108864 or unset it.", e.getMessage());
    } finally {
      spark.conf().unset(FoldLayout.PARTITION_BYTES);
    }
  }

  /** Rows (id, group, label) with a group per row as given, labels by id parity. */
  private static Dataset<Row> grouped(String... groups) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      rows.add(RowFactory.create(i, groups[i], i % 2 == 0 ? 0.0 : 1.0));
    }
    return SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("group", DataTypes.StringType)
        .add("label", DataTypes.DoubleType));
  }

  @Test
  void missingGroupColumnFailsNamingTheColumnsThatExist() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GroupKFold().setGroupCol("user").validate(data().schema()));
    assertEquals("GroupKFold groupCol 'user' is not a column of the input; its columns are"
        + " [id, label, fold]. Set groupCol to one of them.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().split(data(), 1));
    assertEquals("StratifiedGroupKFold groupCol 'group' is not a column of the input; its"
        + " columns are [id, label, fold]. Set groupCol to one of them.", e.getMessage());
  }

  @Test
  void groupColumnOfAnUngroupableTypeFails() {
    Map<String, DataType> types = Map.of(
        "array<bigint>", DataTypes.createArrayType(DataTypes.LongType),
        "map<string,int>", DataTypes.createMapType(DataTypes.StringType,
            DataTypes.IntegerType),
        "struct<a:int>", new StructType().add("a", DataTypes.IntegerType),
        "vector", SQLDataTypes.VectorType());
    for (Map.Entry<String, DataType> t : types.entrySet()) {
      StructType schema = new StructType().add("id", DataTypes.LongType)
          .add("user", t.getValue()).add("label", DataTypes.DoubleType);
      for (Splitter s : List.of(new GroupKFold().setGroupCol("user"),
          new StratifiedGroupKFold().setGroupCol("user"))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> s.validate(schema));
        assertEquals(s.getClass().getSimpleName() + " groupCol 'user' is " + t.getKey()
            + "; a group is one value of the column, which Spark must group and order: a"
            + " number, string, boolean, date, timestamp or binary column. Set groupCol to the"
            + " column that names each row's group (e.g. a user or patient id), or build one,"
            + " e.g. with concat_ws of its parts.", e.getMessage());
      }
    }
  }

  @Test
  void blankGroupColFails() {
    for (String blank : new String[] {"", "  ", null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new GroupKFold().setGroupCol(blank));
      assertEquals("GroupKFold groupCol is empty; give the name of a column of the input.",
          e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> new StratifiedGroupKFold().setGroupCol(blank));
      assertEquals("StratifiedGroupKFold groupCol is empty; give the name of a column of the"
          + " input.", e.getMessage());
    }
  }

  @Test
  void groupColumnWithNullsFailsCountingTheRows() {
    Dataset<Row> d = grouped("a", null, "b", "c", null, "a", null, "d");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GroupKFold().split(d, 1));
    assertEquals("GroupKFold groupCol 'group' is null in 3 row(s); every row needs a group, or"
        + " the rows of one group could be on both sides of a fold: fill those rows (e.g. with"
        + " coalesce and a group of their own) or drop them.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().split(d, 1));
    assertEquals("StratifiedGroupKFold groupCol 'group' is null in 3 row(s); every row needs a"
        + " group, or the rows of one group could be on both sides of a fold: fill those rows"
        + " (e.g. with coalesce and a group of their own) or drop them.", e.getMessage());
  }

  @Test
  void fewerGroupsThanFoldsFailsNamingTheMostFoldsThatWork() {
    Dataset<Row> d = grouped("a", "b", "a", "b", "a", "c", "c", "a");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GroupKFold().setNumFolds(5).split(d, 1));
    assertEquals("GroupKFold groupCol 'group' has 3 distinct groups but numFolds is 5; every"
        + " fold validates on whole groups, so 2 fold(s) would validate on no row: set numFolds"
        + " to at most 3.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().setNumFolds(4).split(d, 1));
    assertEquals("StratifiedGroupKFold groupCol 'group' has 3 distinct groups but numFolds is"
        + " 4; every fold validates on whole groups, so 1 fold(s) would validate on no row: set"
        + " numFolds to at most 3.", e.getMessage());
    try (Folds folds = new GroupKFold().setNumFolds(3).split(d, 1)) {
      for (int i = 0; i < 3; i++) {
        assertTrue(folds.validation(i).count() > 0, "the advice works");
      }
    }
    e = assertThrows(IllegalArgumentException.class,
        () -> new GroupKFold().setNumFolds(2).split(grouped("a", "a", "a"), 1));
    assertEquals("GroupKFold groupCol 'group' has 1 distinct group, but a split by group needs"
        + " at least 2 groups, one to validate on in each of 2 folds: set groupCol to a column"
        + " with more groups, or use KFold to split rows.", e.getMessage());
  }

  @Test
  void stratifiedGroupLabelProblemsFailAsStratifiedKFoldWordsThem() {
    Dataset<Row> d = grouped("a", "b", "c", "a", "b", "c");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().setLabelCol("y").validate(d.schema()));
    assertEquals("StratifiedGroupKFold labelCol 'y' is not a column of the input; its columns"
        + " are [id, group, label]. Set labelCol to one of them.", e.getMessage());
    Dataset<Row> arrays = d.withColumn("label", functions.array(functions.col("id")));
    e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().validate(arrays.schema()));
    assertEquals("StratifiedGroupKFold labelCol 'label' is array<int>; stratification needs a"
        + " class per row that Spark can group and order: a number, string, boolean, date or"
        + " timestamp column. Cast or index it (e.g. with StringIndexer), or use GroupKFold.",
        e.getMessage());
    Dataset<Row> nulls = d.withColumn("label", functions.when(functions.col("id").lt(2),
        functions.lit(null)).otherwise(functions.col("label")));
    e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().split(nulls, 1));
    assertEquals("labelCol 'label' is null in 2 row(s); stratification needs a class for every"
        + " row: fill or drop those rows.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new StratifiedGroupKFold()
        .setGroupCol("label").setLabelCol("label").validate(d.schema()));
    assertEquals("StratifiedGroupKFold groupCol and labelCol are both 'label'; a group must hold"
        + " rows of several classes for the split to stratify: set groupCol to the column that"
        + " names each row's group (e.g. a user or patient id), or use StratifiedKFold without"
        + " groups.", e.getMessage());
  }

  @Test
  void stratifiedGroupSplitThatLeavesAFoldEmptyFailsNamingTheMostFoldsThatFillEvery() {
    // Groups w, x, y, z with (class 0, class 1) rows (2, 0), (0, 2), (2, 0), (2, 1): the greedy
    // rule puts them in folds 3, 3, 0, 1 of 4, and in folds 0, 1, 2, 1 of 3.
    Dataset<Row> d = classCounts(new String[] {"w", "x", "y", "z"},
        new int[][] {{2, 0}, {0, 2}, {2, 0}, {2, 1}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StratifiedGroupKFold().setNumFolds(4).split(d, 1));
    assertEquals("StratifiedGroupKFold put the 4 groups of groupCol 'group' in 3 of 4 folds,"
        + " leaving fold(s) [2] with no row to validate on: each group goes where it keeps the"
        + " class shares closest, and too few groups are left for the last folds; set numFolds"
        + " to 3, the most that fills every fold, or use GroupKFold, which fills every fold by"
        + " size.", e.getMessage());
    try (Folds folds = new StratifiedGroupKFold().setNumFolds(3).split(d, 1)) {
      for (int i = 0; i < 3; i++) {
        assertTrue(folds.validation(i).count() > 0, "the advice works");
      }
    }
  }

  /** Rows (id, group, label): group {@code groups[g]} has {@code counts[g][c]} rows of c. */
  static Dataset<Row> classCounts(String[] groups, int[][] counts) {
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int c = 0; c < counts[g].length; c++) {
        for (int n = 0; n < counts[g][c]; n++) {
          rows.add(RowFactory.create(id++, groups[g], (double) c));
        }
      }
    }
    return SparkTestSession.get().createDataFrame(rows, new StructType()
        .add("id", DataTypes.IntegerType).add("group", DataTypes.StringType)
        .add("label", DataTypes.DoubleType));
  }

  @Test
  void groupSplitterOptionsAreCheckedAndUnknownSplittersListed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("groupKFold", Map.of("labelCol", "y")));
    assertEquals("splitter 'groupKFold' has no option 'labelCol'; its options are [groupCol,"
        + " numFolds].", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("stratifiedGroupKFold", Map.of("groupCol", 7)));
    assertEquals("splitter 'stratifiedGroupKFold' option groupCol is 7 (Integer); it must be a"
        + " column name, as a string.", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Splitters.fromConfig("groupFold", Map.of()));
    assertEquals("unknown splitter 'groupFold'; the splitters are [kFold, stratifiedKFold,"
        + " holdout, foldColumn, groupKFold, stratifiedGroupKFold, timeSeriesSplit,"
        + " timeBasedSplit].", e.getMessage());
  }
}
