package org.sparktune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sparktune.study.TrialEvent;

/**
 * A study's trials rebuilt from its log's events, one row a trial: its number, status (RUNNING
 * until it finished, was pruned or failed), params (JSON), metric (the final value, or the last
 * rung's for a trial that did not complete), data fraction of its last rung, and error.
 */
final class EventTrials {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventTrials() {}

  static Dataset<Row> of(SparkSession spark, List<TrialEvent> events) {
    Map<Integer, Object[]> byTrial = new TreeMap<>();
    List<TrialEvent> ordered = new ArrayList<>(events);
    ordered.sort((a, b) -> a.time().compareTo(b.time()));
    for (TrialEvent e : ordered) {
      if (e.trial() < 0) {
        continue;
      }
      Object[] row = byTrial.computeIfAbsent(e.trial(),
          n -> new Object[] {n, "RUNNING", "{}", null, null, null});
      switch (e.kind()) {
        case CREATED -> row[2] = json(e.params());
        case RUNG_REPORTED -> {
          row[3] = e.rung().value();
          row[4] = e.rung().budget();
        }
        case FINISHED -> {
          row[1] = "COMPLETE";
          row[3] = e.values().isEmpty() ? row[3] : e.values().get(0);
        }
        case PRUNED -> {
          row[1] = "PRUNED";
          row[5] = e.error();
        }
        case FAILED -> {
          row[1] = "FAILED";
          row[5] = e.error();
        }
        default -> { }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (Object[] r : byTrial.values()) {
      rows.add(RowFactory.create(r));
    }
    StructType schema = new StructType().add("trial", DataTypes.IntegerType)
        .add("status", DataTypes.StringType).add("params", DataTypes.StringType)
        .add("metric", DataTypes.DoubleType).add("budget", DataTypes.DoubleType)
        .add("error", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  private static String json(Map<String, Object> params) {
    try {
      return MAPPER.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      return params.toString();
    }
  }
}
