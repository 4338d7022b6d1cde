package org.sparktune.notebooks

import java.nio.file.Paths
import org.scalatest.flatspec.AnyFlatSpec
import org.scalatest.matchers.should.Matchers

/** The notebook parsers and the runner's failures, without Spark. */
class NotebookRunnerSpec extends AnyFlatSpec with Matchers {

  private val databricks = Seq(
    DatabricksSource.Header,
    "// MAGIC %md",
    "// MAGIC # Title",
    "// MAGIC",
    "// MAGIC text",
    "",
    DatabricksSource.Separator,
    "",
    "val a = 1",
    "// a comment",
    "",
    DatabricksSource.Separator,
    "",
    "// MAGIC %sql SELECT 1",
    "",
    DatabricksSource.Separator,
    "",
    "println(a)",
    "").mkString("\n")

  "DatabricksSource" should "split cells at COMMAND lines and name magic cells' languages" in {
    DatabricksSource.parse(databricks) shouldBe Seq(
      NotebookCell(1, "md", "# Title\n\ntext"),
      NotebookCell(2, "scala", "val a = 1\n// a comment"),
      NotebookCell(3, "sql", "SELECT 1"),
      NotebookCell(4, "scala", "println(a)"))
  }

  it should "refuse a file without the source-format header" in {
    val error = intercept[IllegalArgumentException](DatabricksSource.parse("val a = 1\n"))
    error.getMessage shouldBe "requirement failed: a Databricks source notebook starts with the" +
      " line '// Databricks notebook source' but this one starts with 'val a = 1'; export it" +
      " with File → Export → Source file."
  }

  it should "read the quick-start notebook as markdown and Scala cells only" in {
    val cells = DatabricksSource.read(Paths.get("notebooks/sparktune_quickstart.scala"))
    cells.map(_.language).distinct.sorted shouldBe Seq("md", "scala")
    cells.filter(_.isScala).map(_.number) shouldBe Seq(3, 5, 7, 8, 10, 12, 14)
    cells.filter(_.isMarkdown).foreach(_.code should not include "// MAGIC")
    cells.filter(_.isScala).foreach(_.code should not include "// MAGIC")
  }

  private val zeppelin =
    """{"paragraphs": [
      |  {"text": "%md\n# Title\ntext"},
      |  {"text": "%spark\nval a = 1\n"},
      |  {"text": "val b = a + 1"},
      |  {"text": "%spark.sql select 1"},
      |  {"title": "empty"}
      |], "defaultInterpreterGroup": "spark"}""".stripMargin

  "ZeppelinNote" should "read paragraphs, their interpreters and the default interpreter" in {
    ZeppelinNote.parse(zeppelin) shouldBe Seq(
      NotebookCell(1, "md", "# Title\ntext"),
      NotebookCell(2, "scala", "val a = 1"),
      NotebookCell(3, "scala", "val b = a + 1"),
      NotebookCell(4, "spark.sql", "select 1"),
      NotebookCell(5, "scala", ""))
  }

  it should "refuse JSON without paragraphs" in {
    val error = intercept[IllegalArgumentException](ZeppelinNote.parse("""{"name": "x"}"""))
    error.getMessage shouldBe "requirement failed: a Zeppelin note is a JSON object with a" +
      " 'paragraphs' array but this one has none; export the note with Export note (JSON)."
  }

  it should "read the quick-start note as %md and %spark paragraphs only" in {
    val cells = ZeppelinNote.read(Paths.get("notebooks/sparktune_quickstart.zpln"))
    cells.map(_.language).distinct.sorted shouldBe Seq("md", "scala")
    cells.filter(_.isScala).map(_.number) shouldBe Seq(3, 5, 7, 8, 10, 11, 13, 15)
    cells.filter(_.isScala).foreach(_.code should not startWith "%")
  }

  private def runner(html: HtmlRecorder) = new NotebookRunner(Seq(
    NotebookRunner.Binding("displayHTML", classOf[HtmlRecorder].getName, html)))

  "NotebookRunner" should "run cells in order in one interpreter with the bound values" in {
    val html = new HtmlRecorder
    val run = runner(html)
    try {
      run.run("test", Seq(
        NotebookCell(1, "scala", "import scala.math.max\nval a = max(2, 1)"),
        NotebookCell(2, "md", "this is no Scala"),
        NotebookCell(3, "scala", "displayHTML(\"<p>\" + a * 21 + \"</p>\")")))
      html.pages shouldBe Seq("<p>42</p>")
      run.valueOf("a") shouldBe Some(2)
    } finally run.close()
  }

  it should "fail on a cell that does not compile, naming the cell and the error" in {
    val html = new HtmlRecorder
    val run = runner(html)
    try {
      val error = intercept[NotebookCellFailure](run.run("nb", Seq(
        NotebookCell(1, "scala", "val a = 1"),
        NotebookCell(2, "scala", "val b: Int = \"two\""),
        NotebookCell(3, "scala", "displayHTML(\"never\")"))))
      error.getMessage should startWith ("nb cell 2 failed:")
      error.getMessage should include ("type mismatch")
      html.pages shouldBe empty
    } finally run.close()
  }

  it should "fail on a cell that throws" in {
    val run = runner(new HtmlRecorder)
    try {
      val error = intercept[NotebookCellFailure](run.run("nb", Seq(
        NotebookCell(1, "scala", "throw new IllegalStateException(\"boom in a cell\")"))))
      error.getMessage should startWith ("nb cell 1 failed:")
      error.getMessage should include ("boom in a cell")
    } finally run.close()
  }

  it should "fail on an incomplete cell and on a cell in another language" in {
    val run = runner(new HtmlRecorder)
    try {
      intercept[NotebookCellFailure](run.run("nb", Seq(NotebookCell(1, "scala", "val a = {"))))
        .getMessage should startWith ("nb cell 1 is incomplete")
      intercept[NotebookCellFailure](run.run("nb", Seq(NotebookCell(4, "sql", "select 1"))))
        .getMessage shouldBe "nb cell 4 is %sql, which this runner cannot run; only Scala and" +
        " %md cells run here."
    } finally run.close()
  }
}
