// Databricks notebook source
// sparktune quick start: tune a Pipeline on the Adult census data.
// Attach the sparktune jar to the cluster (mvn -B -ntp -DskipTests package), upload
// test-data/adult/adult.data, and set `path` below. The same code runs as a ScalaTest spec in
// src/test/scala/org/sparktune/HyperparameterSearchSpec.scala, so it stays compiled and true.

// COMMAND ----------

import org.apache.spark.ml.Pipeline
import org.apache.spark.ml.classification.{LogisticRegression, RandomForestClassifier}
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator
import org.apache.spark.ml.feature.{OneHotEncoder, StringIndexer, VectorAssembler}
import org.apache.spark.sql.functions.{col, when}
import org.sparktune.{HyperparameterSearch, ModelChoice}
import org.sparktune.search.TpeSampler
import org.sparktune.space.SearchSpace
import org.sparktune.split.StratifiedKFold

val path = "/FileStore/tables/adult.data"
val names = Seq("age", "workclass", "fnlwgt", "education", "education_num", "marital_status",
  "occupation", "relationship", "race", "sex", "capital_gain", "capital_loss",
  "hours_per_week", "native_country", "income")
val adult = spark.read.option("inferSchema", "true").option("ignoreLeadingWhiteSpace", "true")
  .csv(path).toDF(names: _*)
  .withColumn("label", when(col("income") === ">50K", 1.0).otherwise(0.0))

// COMMAND ----------

val categorical = Array("workclass", "education", "occupation", "sex")
val indexer = new StringIndexer().setInputCols(categorical)
  .setOutputCols(categorical.map(_ + "_idx")).setHandleInvalid("keep")
val encoder = new OneHotEncoder().setInputCols(categorical.map(_ + "_idx"))
  .setOutputCols(categorical.map(_ + "_vec"))
val assembler = new VectorAssembler()
  .setInputCols(categorical.map(_ + "_vec") ++ Array("age", "education_num", "hours_per_week"))
  .setOutputCol("features")
val lr = new LogisticRegression().setMaxIter(20)
val pipeline = new Pipeline().setStages(Array(indexer, encoder, assembler, lr))

// COMMAND ----------

val space = new SearchSpace()
  .logUniform(lr.regParam, 1e-4, 1.0)
  .uniform(lr.elasticNetParam, 0.0, 1.0)

val tuner = new HyperparameterSearch()
  .setEstimator(pipeline)
  .setEvaluator(new BinaryClassificationEvaluator())
  .setSearchSpace(space)
  .setSampler(new TpeSampler())
  .setSplitter(new StratifiedKFold().setNumFolds(3).setLabelCol("label"))
  .setMaxTrials(30).setParallelism(4).setSeed(7)

val model = tuner.fit(adult)

// COMMAND ----------

display(model.trials().orderBy(col("metric").desc))
println(s"best ${model.metricName} = ${model.bestMetric} with ${model.bestParams}")

// COMMAND ----------

// Choose the model too: logistic regression or a random forest, each with its own params.
// A param under `when` applies only to the trials where its condition holds (null otherwise).
val rf = new RandomForestClassifier().setSeed(7)
val choice = new ModelChoice().addCandidate("lr", lr).addCandidate("rf", rf)
val choosing = new Pipeline().setStages(Array(indexer, encoder, assembler, choice))

val modelSpace = new SearchSpace()
  .categorical(choice.choice, "lr", "rf")
  .when(choice.choice, "lr", s => s
    .logUniform(lr.regParam, 1e-4, 1.0)
    .uniform(lr.elasticNetParam, 0.0, 1.0))
  .when(choice.choice, "rf", s => s
    .intRange(rf.maxDepth, 2, 12)
    .logIntRange(rf.numTrees, 10, 200))

val chosen = tuner.copy(org.apache.spark.ml.param.ParamMap.empty)
  .setEstimator(choosing)
  .setSearchSpace(modelSpace)
  .fit(adult)

display(chosen.trials().orderBy(col("metric").desc))
println(s"best: ${chosen.bestParams}")

// COMMAND ----------

// Race many candidates on a little data and finish the best on all of it: 27 candidates on
// 1/27 of each training fold, the best 9 on 1/9, 3 on 1/3, the best one on all the data.
import org.sparktune.schedule.SuccessiveHalving

val raced = tuner.copy(org.apache.spark.ml.param.ParamMap.empty)
  .setScheduler(new SuccessiveHalving().setReductionFactor(3).setMinFraction(1.0 / 27))
  .setMaxTrials(27)
  .fit(adult)

display(raced.trials().orderBy(col("budget").desc, col("metric").desc))  // COMPLETE or PRUNED
display(raced.rungs().orderBy("rung", "trial"))       // one row per (trial, rung)
