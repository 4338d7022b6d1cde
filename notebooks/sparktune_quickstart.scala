// Databricks notebook source
// MAGIC %md
// MAGIC # sparktune quick start: TPE and ASHA on the Adult census data
// MAGIC
// MAGIC Tunes a logistic-regression `Pipeline` that predicts whether a person earns more than
// MAGIC $50K a year (UCI Adult census data: 32,561 rows, a quarter of them sampled by default),
// MAGIC with
// MAGIC
// MAGIC * `TpeSampler`: each trial's `regParam` and `elasticNetParam` are proposed by a
// MAGIC   Tree-structured Parzen Estimator that learns from the trials before it;
// MAGIC * `Asha` (asynchronous successive halving): every trial starts on 1/9 of each training
// MAGIC   fold, the best third of those go on to 1/3, the best third of those to all of it; a
// MAGIC   trial is promoted as soon as it ranks in the top third of its rung, without waiting for
// MAGIC   the rung to fill.
// MAGIC
// MAGIC It shows every trial, saves the tuned model and loads it back.
// MAGIC
// MAGIC **Setup.** Build the jar with `mvn -B -ntp -DskipTests package` and install
// MAGIC `target/sparktune-0.1.0-SNAPSHOT.jar` on the cluster (Compute → your cluster →
// MAGIC Libraries → Install new → JAR). The cluster must run Spark 4.1 (Scala 2.13).

// COMMAND ----------

// MAGIC %md
// MAGIC ## Where the data and the model live
// MAGIC
// MAGIC The paths below are relative to the sparktune repository root, where the notebook test
// MAGIC (`NotebooksSpec`) runs this notebook. On Databricks, upload `test-data/adult/adult.data`
// MAGIC (for example with
// MAGIC `databricks fs cp test-data/adult/adult.data dbfs:/FileStore/sparktune/adult.data`,
// MAGIC or into a Unity Catalog volume) and set, in the next cell,
// MAGIC
// MAGIC ```
// MAGIC val dataPath = "dbfs:/FileStore/sparktune/adult.data"
// MAGIC val modelPath = "dbfs:/FileStore/sparktune/adult-model"
// MAGIC ```
// MAGIC
// MAGIC or `/Volumes/<catalog>/<schema>/<volume>/...` paths; the model path can be any folder
// MAGIC Spark writes to (`dbfs:/`, `/Volumes/`, `s3://`, `abfss://`, `gs://`).

// COMMAND ----------

val dataPath = "test-data/adult/adult.data"
val modelPath = "/tmp/sparktune-notebooks/databricks-quickstart-model"
// A quarter of the rows keeps this notebook to a minute or two on a laptop; 1.0 tunes on all.
val sampleFraction = 0.25

// COMMAND ----------

// MAGIC %md
// MAGIC ## Read the data
// MAGIC
// MAGIC The file has no header; `label` is 1.0 when `income` is `>50K`. Of the sampled rows, 80%
// MAGIC are tuned on and 20% are held out to check the saved model.

// COMMAND ----------

import org.apache.spark.sql.functions.{col, when}

val columns = Seq("age", "workclass", "fnlwgt", "education", "education_num",
  "marital_status", "occupation", "relationship", "race", "sex", "capital_gain",
  "capital_loss", "hours_per_week", "native_country", "income")
val adult = spark.read.option("inferSchema", "true").option("ignoreLeadingWhiteSpace", "true")
  .csv(dataPath).toDF(columns: _*)
  .withColumn("label", when(col("income") === ">50K", 1.0).otherwise(0.0))
  .sample(sampleFraction, 7L)
val Array(train, test) = adult.randomSplit(Array(0.8, 0.2), 7L)

// COMMAND ----------

// MAGIC %md
// MAGIC ## The pipeline and the search
// MAGIC
// MAGIC Nine trials, 2-fold stratified cross-validation, two trials at a time. Raise
// MAGIC `setMaxTrials` (and `setParallelism` on a bigger cluster) for a real search.

// COMMAND ----------

import org.apache.spark.ml.Pipeline
import org.apache.spark.ml.classification.LogisticRegression
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator
import org.apache.spark.ml.feature.{OneHotEncoder, StringIndexer, VectorAssembler}
import org.sparktune.HyperparameterSearch
import org.sparktune.schedule.Asha
import org.sparktune.search.TpeSampler
import org.sparktune.space.SearchSpace
import org.sparktune.split.StratifiedKFold

val categorical = Array("workclass", "education", "occupation", "sex")
val indexer = new StringIndexer().setInputCols(categorical)
  .setOutputCols(categorical.map(_ + "_idx")).setHandleInvalid("keep")
val encoder = new OneHotEncoder().setInputCols(categorical.map(_ + "_idx"))
  .setOutputCols(categorical.map(_ + "_vec"))
val assembler = new VectorAssembler()
  .setInputCols(categorical.map(_ + "_vec") ++ Array("age", "education_num", "hours_per_week"))
  .setOutputCol("features")
val lr = new LogisticRegression().setMaxIter(10)
val pipeline = new Pipeline().setStages(Array(indexer, encoder, assembler, lr))

val space = new SearchSpace()
  .logUniform(lr.regParam, 1e-4, 1.0)
  .uniform(lr.elasticNetParam, 0.0, 1.0)

val tuner = new HyperparameterSearch()
  .setEstimator(pipeline)
  .setEvaluator(new BinaryClassificationEvaluator())
  .setSearchSpace(space)
  .setSampler(new TpeSampler().setStartupTrials(4))
  .setScheduler(new Asha().setMinFraction(1.0 / 9))
  .setSplitter(new StratifiedKFold().setNumFolds(2).setLabelCol("label"))
  .setMaxTrials(9).setParallelism(2).setSeed(7)

// COMMAND ----------

val model = tuner.fit(train)

// COMMAND ----------

// MAGIC %md
// MAGIC ## The trials
// MAGIC
// MAGIC One row a trial: its params, `status` (`COMPLETE` when it ran on all the data, `PRUNED`
// MAGIC when ASHA stopped it early), `metric` (area under ROC, for complete trials), `budget` (the
// MAGIC largest data fraction it ran on) and `rungs`. `model.rungs()` has one row per trial and
// MAGIC rung.

// COMMAND ----------

display(model.trials().orderBy(col("budget").desc, col("metric").desc))
println(s"best ${model.metricName} = ${model.bestMetric} with ${model.bestParams}")

// COMMAND ----------

// MAGIC %md
// MAGIC ## The report
// MAGIC
// MAGIC One self-contained HTML page of the study: the optimisation history with the best so
// MAGIC far, each trial's result at every rung, parallel coordinates, parameter importance, one
// MAGIC slice plot per parameter and the trial table. `model.writeReport("/dbfs/...")` writes the
// MAGIC same page to a file.

// COMMAND ----------

displayHTML(model.reportHtml())

// COMMAND ----------

// MAGIC %md
// MAGIC ## Save the model and load it back
// MAGIC
// MAGIC The saved model holds the best pipeline refitted on all of `train`, every trial and the
// MAGIC search space; `TunedModel.load` reads it in any later session.

// COMMAND ----------

import org.sparktune.TunedModel

model.write.overwrite().save(modelPath)
val loaded = TunedModel.load(modelPath)
val heldOut = new BinaryClassificationEvaluator().evaluate(loaded.transform(test))
println(s"reloaded ${loaded.uid}: ${loaded.trialList.size} trials, " +
  s"areaUnderROC on the held-out 20% = $heldOut")
