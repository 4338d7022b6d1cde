package org.sparktune.notebooks

import java.nio.file.Paths
import org.apache.spark.sql.SparkSession
import org.scalatest.flatspec.AnyFlatSpec
import org.scalatest.matchers.should.Matchers
import org.sparktune.TunedModel
import org.sparktune.testing.SparkTestSession
import scala.jdk.CollectionConverters._

/**
 * Executes every code cell of the notebooks in `notebooks/`, in order, with the values their
 * environment binds: `spark`, `display` and `displayHTML` on Databricks; `spark` and `z` in
 * Zeppelin. A cell that fails to compile or throws fails the test.
 */
class NotebooksSpec extends AnyFlatSpec with Matchers {

  private lazy val spark = SparkTestSession.get()

  private val trialColumns = Seq("trial", "status", "regParam", "elasticNetParam", "metric",
    "metricStd", "budget", "rungs", "seed", "error", "provenance")

  private def sparkBinding = NotebookRunner.Binding("spark", classOf[SparkSession].getName, spark)

  "The Databricks quick start" should "tune Adult with TPE and ASHA, display its trials and" +
    " load its saved model back" in {
    val display = new DisplayRecorder
    val html = new HtmlRecorder
    val runner = new NotebookRunner(Seq(sparkBinding,
      NotebookRunner.Binding("display", classOf[DisplayRecorder].getName, display),
      NotebookRunner.Binding("displayHTML", classOf[HtmlRecorder].getName, html)))
    try {
      val path = "notebooks/sparktune_quickstart.scala"
      runner.run(path, DatabricksSource.read(Paths.get(path)))

      display.tables should have size 1
      val trials = display.tables.head
      trials.count shouldBe 9
      trials.columns should contain allElementsOf trialColumns
      val statuses = trials.firstRows.map(_.getAs[String]("status"))
      statuses.toSet should contain ("COMPLETE")
      statuses.toSet -- Set("COMPLETE", "PRUNED") shouldBe empty
      trials.firstRows.map(_.getAs[Double]("budget")).min shouldBe 1.0 / 9 +- 1e-9
      html.pages should have size 1
      checkReport(html.pages.head)

      checkSavedAndLoaded(runner, "tpe", "asha")
    } finally runner.close()
  }

  "The Zeppelin quick start" should "tune Adult with TPE and successive halving, show its" +
    " trials and rungs and load its saved model back" in {
    val z = new ZeppelinContextStandIn
    val runner = new NotebookRunner(Seq(sparkBinding,
      NotebookRunner.Binding("z", classOf[ZeppelinContextStandIn].getName, z)))
    try {
      val path = "notebooks/sparktune_quickstart.zpln"
      runner.run(path, ZeppelinNote.read(Paths.get(path)))

      z.tables should have size 2
      val trials = z.tables.head
      trials.count shouldBe 9
      trials.columns should contain allElementsOf trialColumns
      trials.firstRows.map(_.getAs[String]("status")).sorted shouldBe
        ("COMPLETE" +: Seq.fill(8)("PRUNED"))
      val rungs = z.tables(1)
      rungs.columns should contain allOf ("trial", "rung", "budget", "metric")
      rungs.firstRows.groupBy(_.getAs[Int]("rung")).view.mapValues(_.size).toMap shouldBe
        Map(0 -> 9, 1 -> 3, 2 -> 1)
      val report = runner.valueOf("reportPath").get.asInstanceOf[String]
      checkReport(new String(java.nio.file.Files.readAllBytes(Paths.get(report)), "UTF-8"))

      checkSavedAndLoaded(runner, "tpe", "successiveHalving")
    } finally runner.close()
  }

  /** The study report a notebook showed or wrote: a whole page, Plotly inlined, every trial. */
  private def checkReport(page: String): Unit = {
    page should startWith ("<!DOCTYPE html>")
    page should include ("Plotly")
    page should include ("Parameter importance")
    "<tr data-trial=".r.findAllIn(page).size shouldBe 9
  }

  /** The notebook's `loaded` is its `model`, read back from where the notebook saved it. */
  private def checkSavedAndLoaded(runner: NotebookRunner, sampler: String,
      scheduler: String): Unit = {
    val model = runner.valueOf("model").get.asInstanceOf[TunedModel]
    val loaded = runner.valueOf("loaded").get.asInstanceOf[TunedModel]
    val modelPath = runner.valueOf("modelPath").get.asInstanceOf[String]
    loaded should not be theSameInstanceAs (model)
    loaded.uid shouldBe model.uid
    loaded.bestParams.asScala shouldBe model.bestParams.asScala
    loaded.trialList.size shouldBe 9
    loaded.provenance.get("sampler") should include (s""""name":"$sampler"""")
    loaded.provenance.get("scheduler") should include (s""""name":"$scheduler"""")
    TunedModel.load(modelPath).uid shouldBe model.uid
    runner.valueOf("heldOut").get.asInstanceOf[Double] should be > 0.75
  }
}
