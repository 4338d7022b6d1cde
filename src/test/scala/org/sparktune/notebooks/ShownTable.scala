package org.sparktune.notebooks

import org.apache.spark.sql.{Dataset, Row}

/**
 * A DataFrame as a notebook rendered it: its columns, its row count, and the first rows, which
 * are collected as the notebook would collect them to draw the table (so an expression that
 * fails only when evaluated fails here too).
 */
final case class ShownTable(columns: Seq[String], count: Long, firstRows: Seq[Row])

object ShownTable {

  /** Rows a rendered table holds at most. */
  val MaxRows = 1000

  /** Renders `data` as a table: collects up to `maxRows` rows and counts them all. */
  def of(data: Dataset[_], maxRows: Int = MaxRows): ShownTable = {
    val frame = data.toDF()
    ShownTable(frame.columns.toSeq, frame.count(), frame.take(maxRows).toSeq)
  }
}
