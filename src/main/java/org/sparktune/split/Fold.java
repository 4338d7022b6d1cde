package org.sparktune.split;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One (train, validation) pair of a split: the input's columns only, no helper columns.
 *
 * @param index the fold's number, from 0
 * @param train rows to fit on
 * @param validation rows to score on
 */
public record Fold(int index, Dataset<Row> train, Dataset<Row> validation) {}
