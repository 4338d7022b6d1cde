package org.sparktune.notebooks

import java.nio.file.{Files, Path}

/**
 * Reads a Databricks notebook exported in SOURCE format (Scala): the first line is
 * `// Databricks notebook source`, cells are separated by `// COMMAND ----------` lines, and a
 * cell whose lines all start with `// MAGIC` runs the interpreter its first line names
 * (`// MAGIC %md` for markdown).
 */
object DatabricksSource {

  val Header = "// Databricks notebook source"
  val Separator = "// COMMAND ----------"
  private val Magic = "// MAGIC"

  /** The cells of the notebook file at `path`. */
  def read(path: Path): Seq[NotebookCell] = parse(Files.readString(path))

  /** The cells of a notebook's source text. */
  def parse(text: String): Seq[NotebookCell] = {
    val lines = text.split("\r?\n", -1).toSeq
    require(lines.headOption.exists(_.trim == Header),
      s"a Databricks source notebook starts with the line '$Header' but this one starts with '"
        + lines.headOption.getOrElse("") + "'; export it with File → Export → Source file.")
    val cells = Seq.newBuilder[Seq[String]]
    var current = Seq.newBuilder[String]
    for (line <- lines.tail) {
      if (line.trim == Separator) {
        cells += current.result()
        current = Seq.newBuilder[String]
      } else {
        current += line
      }
    }
    cells += current.result()
    cells.result().zipWithIndex.map { case (cell, i) => toCell(i + 1, trimBlank(cell)) }
  }

  private def toCell(number: Int, lines: Seq[String]): NotebookCell = {
    if (lines.nonEmpty && lines.forall(_.startsWith(Magic))) {
      val body = lines.map(_.stripPrefix(Magic).stripPrefix(" "))
      val first = body.head.trim
      if (first.startsWith("%")) {
        val language = first.drop(1).takeWhile(c => !c.isWhitespace)
        val rest = first.drop(1 + language.length).trim
        val code = (if (rest.isEmpty) body.tail else rest +: body.tail).mkString("\n")
        return NotebookCell(number, language, code)
      }
    }
    NotebookCell(number, NotebookCell.Scala, lines.mkString("\n"))
  }

  private def trimBlank(lines: Seq[String]): Seq[String] =
    lines.dropWhile(_.trim.isEmpty).reverse.dropWhile(_.trim.isEmpty).reverse
}
