package org.sparktune.notebooks

/** A notebook cell that did not compile, was incomplete or threw. */
final class NotebookCellFailure(message: String) extends RuntimeException(message)
