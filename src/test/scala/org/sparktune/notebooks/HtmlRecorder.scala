package org.sparktune.notebooks

import scala.collection.mutable.ArrayBuffer

/**
 * Databricks' `displayHTML` for a notebook run outside Databricks: `displayHTML(html)` records
 * the HTML instead of rendering it. Not thread-safe.
 */
final class HtmlRecorder {

  private val shown = ArrayBuffer.empty[String]

  /** Shows `html` as Databricks' `displayHTML(html)` does. */
  def apply(html: String): Unit = {
    require(html != null, "displayHTML needs an HTML string but got null.")
    shown += html
  }

  /** Every HTML string shown so far, in order. */
  def pages: Seq[String] = shown.toSeq
}
