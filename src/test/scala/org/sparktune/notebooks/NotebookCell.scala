package org.sparktune.notebooks

/**
 * One cell of a notebook file: its 1-based position among the file's cells, its language
 * (`scala`, `md`, or another interpreter such as `sql` or `pyspark`) and its text without the
 * interpreter directive.
 */
final case class NotebookCell(number: Int, language: String, code: String) {

  /** Whether the runner executes this cell. */
  def isScala: Boolean = language == NotebookCell.Scala

  /** Whether this is a markdown cell, which the runner skips. */
  def isMarkdown: Boolean = language == NotebookCell.Markdown
}

/** The languages the parsers name. */
object NotebookCell {
  val Scala = "scala"
  val Markdown = "md"
}
