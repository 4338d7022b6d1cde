package org.sparktune.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.TrialEvent;
import org.sparktune.testing.SparkTestSession;

/** How a study log is read again as it grows, and how a log of format version 1 is opened. */
@Timeout(300)
class DeltaStudyLogReadsTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", 0, 1);

  @TempDir
  Path dir;

  /** A trial's events, in the order of their kinds: a read of a whole table has no order. */
  private static final List<TrialEvent.Kind> ONE_TRIAL = List.of(TrialEvent.Kind.CREATED,
      TrialEvent.Kind.RUNG_REPORTED, TrialEvent.Kind.FINISHED);

  private final SparkSession spark = SparkTestSession.get();

  private Study study(String name, DeltaStudyLog log) {
    return Study.create(name, SPACE, new RandomSampler(), Direction.MAXIMIZE, 1, log);
  }

  @Test
  void aReaderSeesEachNewEventOfAnotherWriterOnceAndNoOtherStudysEvents() {
    String path = dir.resolve("log").toString();
    Study writer = study("s", DeltaStudyLog.open(spark, path, "s"));
    writer.tell(writer.ask(), 0.5);
    DeltaStudyLog reader = DeltaStudyLog.open(spark, path, "s");
    List<TrialEvent> first = reader.events();
    assertEquals(ONE_TRIAL, kinds(first), "read whole: " + first);

    Study other = study("other", DeltaStudyLog.open(spark, path, "other"));
    other.tell(other.ask(), 0.1);
    writer.tell(writer.ask(), 0.7);
    List<TrialEvent> second = reader.events();
    assertEquals(first, second.subList(0, first.size()), "the first read kept, in its order");
    List<TrialEvent> added = second.subList(first.size(), second.size());
    assertEquals(ONE_TRIAL, kinds(added), "only the new rows added: " + second);
    assertTrue(added.stream().allMatch(e -> e.trial() == 1), "" + added);
    assertEquals(second, reader.events(), "nothing new, nothing added");
    assertEquals(2, study("s", reader).trials().size());
  }

  @Test
  void aLogOfFormatVersionOneGainsItsColumnsAndItsChangeFeed() {
    String path = dir.resolve("old").toString();
    StructType v1 = new StructType(Arrays.stream(DeltaStudyLog.SCHEMA.fields())
        .filter(f -> !f.name().equals("run") && !f.name().equals("claim"))
        .toArray(StructField[]::new));
    spark.createDataFrame(List.of(), v1).write().format("delta").save(path);

    Study study = study("s", DeltaStudyLog.open(spark, path, "s"));
    List<String> columns = List.of(spark.read().format("delta").load(path).columns());
    assertTrue(columns.containsAll(List.of("run", "claim")), "columns: " + columns);
    Map<String, String> properties = io.delta.tables.DeltaTable.forPath(spark, path).detail()
        .select("properties").first().getJavaMap(0);
    assertEquals("true", properties.get("delta.enableChangeDataFeed"), "" + properties);
    study.tell(study.ask(), 0.5);
    DeltaStudyLog again = DeltaStudyLog.open(spark, path, "s");
    assertEquals(3, again.events().size(), "read whole");
    study.tell(study.ask(), 0.6);
    assertEquals(2, study("s", again).trials().size(), "read whole, then by its change feed");
  }

  private static List<TrialEvent.Kind> kinds(List<TrialEvent> events) {
    return events.stream().map(TrialEvent::kind).sorted().collect(Collectors.toList());
  }
}
