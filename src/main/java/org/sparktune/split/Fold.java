package org.sparktune.split;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Placeholder until the split package lands; replaced on merge. */
public record Fold(int index, Dataset<Row> train, Dataset<Row> validation) {}
