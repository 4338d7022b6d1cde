package org.sparktune

import org.apache.spark.ml.Pipeline
import org.apache.spark.ml.classification.{DecisionTreeClassifier, LogisticRegression}
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator
import org.apache.spark.ml.feature.{OneHotEncoder, StringIndexer, VectorAssembler}
import org.apache.spark.sql.functions.{col, when}
import org.scalatest.flatspec.AnyFlatSpec
import org.scalatest.matchers.should.Matchers
import org.sparktune.schedule.SuccessiveHalving
import org.sparktune.search.{RandomSampler, TpeSampler}
import org.sparktune.space.SearchSpace
import org.sparktune.split.StratifiedKFold
import org.sparktune.testing.SparkTestSession

/** The API exactly as a Scala notebook user calls it, on the Adult census data. */
class HyperparameterSearchSpec extends AnyFlatSpec with Matchers {

  private lazy val spark = SparkTestSession.get()

  private lazy val adult = {
    val names = Seq("age", "workclass", "fnlwgt", "education", "education_num",
      "marital_status", "occupation", "relationship", "race", "sex", "capital_gain",
      "capital_loss", "hours_per_week", "native_country", "income")
    spark.read.option("inferSchema", "true").option("ignoreLeadingWhiteSpace", "true")
      .csv("test-data/adult/adult.data").toDF(names: _*)
      .withColumn("label", when(col("income") === ">50K", 1.0).otherwise(0.0))
      .limit(4000)
  }

  "HyperparameterSearch" should "tune a Pipeline in a notebook and show its trials" in {
    val categorical = Array("workclass", "education", "occupation", "sex")
    val indexer = new StringIndexer().setInputCols(categorical)
      .setOutputCols(categorical.map(_ + "_idx")).setHandleInvalid("keep")
    val encoder = new OneHotEncoder().setInputCols(categorical.map(_ + "_idx"))
      .setOutputCols(categorical.map(_ + "_vec"))
    val assembler = new VectorAssembler()
      .setInputCols(categorical.map(_ + "_vec") ++ Array("age", "education_num",
        "hours_per_week"))
      .setOutputCol("features")
    val lr = new LogisticRegression().setMaxIter(20)
    val pipeline = new Pipeline().setStages(Array(indexer, encoder, assembler, lr))

    val space = new SearchSpace()
      .logUniform(lr.regParam, 1e-4, 1.0)
      .uniform(lr.elasticNetParam, 0.0, 1.0)

    val tuner = new HyperparameterSearch()
      .setEstimator(pipeline)
      .setEvaluator(new BinaryClassificationEvaluator())
      .setSearchSpace(space)
      .setSampler(new RandomSampler())
      .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
      .setMaxTrials(4).setParallelism(2).setSeed(7)

    val model = tuner.fit(adult)

    model.trials().count() shouldBe 4
    model.bestParams().keySet() should contain allOf ("regParam", "elasticNetParam")
    model.bestMetric() should be > 0.75
    model.prefixFits() shouldBe 3
    model.transform(adult).columns should contain ("prediction")
    model.trials().where(col("status") === "COMPLETE").count() shouldBe 4
  }

  it should "fail before training when a param is not part of the estimator" in {
    val lr = new LogisticRegression()
    val other = new LogisticRegression()
    val tuner = new HyperparameterSearch()
      .setEstimator(lr)
      .setEvaluator(new BinaryClassificationEvaluator())
      .setSearchSpace(new SearchSpace().logUniform(other.regParam, 1e-4, 1.0))
    val error = intercept[IllegalArgumentException](tuner.transformSchema(adult.schema))
    error.getMessage should include (s"belongs to stage '${other.uid}'")
  }

  it should "choose between models, each with its own params, with TPE" in {
    val assembler = new VectorAssembler()
      .setInputCols(Array("age", "education_num", "hours_per_week", "capital_gain"))
      .setOutputCol("features")
    val lr = new LogisticRegression().setMaxIter(20)
    val tree = new DecisionTreeClassifier()
    val model = new ModelChoice().addCandidate("lr", lr).addCandidate("tree", tree)
    val pipeline = new Pipeline().setStages(Array(assembler, model))

    val space = new SearchSpace()
      .categorical(model.choice, "lr", "tree")
      .when(model.choice, "lr", s => s
        .categorical("penalty", "none", "elasticNet")
        .when("penalty", "elasticNet", t => t
          .logUniform(lr.regParam, 1e-4, 1.0)
          .uniform(lr.elasticNetParam, 0.0, 1.0)))
      .when(model.choice, "tree", s => s.intRange(tree.maxDepth, 2, 10))

    val tuned = new HyperparameterSearch()
      .setEstimator(pipeline)
      .setEvaluator(new BinaryClassificationEvaluator())
      .setSearchSpace(space)
      .setSampler(new TpeSampler().setStartupTrials(4))
      .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
      .setMaxTrials(8).setParallelism(2).setSeed(11)
      .fit(adult)

    val trials = tuned.trials()
    trials.where(col("status") === "COMPLETE").count() shouldBe 8
    trials.where(col("choice") === "tree" && col("regParam").isNotNull).count() shouldBe 0
    trials.where(col("penalty") === "none" && col("elasticNetParam").isNotNull).count() shouldBe 0
    trials.where(col("choice") === "lr" && col("penalty").isNull).count() shouldBe 0
    tuned.bestMetric() should be > 0.7
  }

  it should "race many candidates on a little data and finish the best on all of it" in {
    val assembler = new VectorAssembler()
      .setInputCols(Array("age", "education_num", "hours_per_week", "capital_gain"))
      .setOutputCol("features")
    val lr = new LogisticRegression().setMaxIter(10)
    val pipeline = new Pipeline().setStages(Array(assembler, lr))

    val tuned = new HyperparameterSearch()
      .setEstimator(pipeline)
      .setEvaluator(new BinaryClassificationEvaluator())
      .setSearchSpace(new SearchSpace().logUniform(lr.regParam, 1e-4, 1.0)
        .uniform(lr.elasticNetParam, 0.0, 1.0))
      .setSampler(new TpeSampler().setStartupTrials(4))
      .setScheduler(new SuccessiveHalving().setReductionFactor(3).setMinFraction(1.0 / 9))
      .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
      .setMaxTrials(9).setParallelism(2).setSeed(3)
      .fit(adult)

    tuned.trials().where(col("status") === "PRUNED").count() shouldBe 8
    tuned.rungs().groupBy("rung").count().orderBy("rung").collect()
      .map(_.getLong(1)) shouldBe Array(9L, 3L, 1L)
    tuned.bestTrial().budget() shouldBe 1.0
    tuned.bestMetric() should be > 0.75
  }
}
