package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparktune.delta.DeltaStudyLog;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Rung;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;
import org.sparktune.study.TrialState;
import org.sparktune.testing.SparkTestSession;

/** A study's event log in a real Delta table on local disk. */
@Timeout(300)
class DeltaStudyLogTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", 0, 1)
      .categorical("kind", "a", "b").intRange("n", 1, 9);

  @TempDir
  Path dir;

  private final SparkSession spark = SparkTestSession.get();

  private Study study(String name, SearchSpace space, String path) {
    return Study.create(name, space, new RandomSampler(), Direction.MAXIMIZE, 9,
        DeltaStudyLog.open(spark, path, name));
  }

  @Test
  void aStudyReplaysItsLogExactlyAndSharesTheTableWithAnother() {
    String path = dir.resolve("log").toString();
    Study study = study("churn", SPACE, path);
    SplittableRandom random = new SplittableRandom(4);
    List<Trial> open = new ArrayList<>();
    for (int step = 0; step < 24; step++) {
      int op = random.nextInt(5);
      if (op == 0 || open.isEmpty()) {
        open.add(study.ask());
        continue;
      }
      Trial t = study.trial(open.get(random.nextInt(open.size())).number());
      switch (op) {
        case 1 -> study.report(t, Rung.of(t.rungs().size(), 0.25 * (1 + t.rungs().size()),
            List.of(random.nextDouble(), random.nextDouble()), study.now(), study.now()));
        case 2 -> {
          if (!t.rungs().isEmpty()) {
            study.complete(t);
            open.remove(t);
          }
        }
        case 3 -> {
          study.prune(t, "not promoted");
          open.removeIf(o -> o.number() == t.number());
        }
        default -> {
          study.fail(t, "boom");
          open.removeIf(o -> o.number() == t.number());
        }
      }
      open.replaceAll(o -> study.trial(o.number()));
    }
    Study other = study("fraud", SPACE, path);
    other.tell(other.ask(), 0.25);

    Study resumed = study("churn", SPACE, path);
    assertEquals(study.trials(), resumed.trials(), "nothing lost, params' kinds kept");
    assertEquals(study.trials().size(), resumed.ask().number(), "numbering goes on");
    assertEquals(1, study("fraud", SPACE, path).trials().size(), "the other study's own");
    assertEquals(TrialState.COMPLETE, study("fraud", SPACE, path).trial(0).state());
  }

  @Test
  void theLogIsATableForSparkSql() {
    String path = dir.resolve("sql").toString();
    Study study = study("churn", SPACE, path);
    for (int i = 0; i < 3; i++) {
      study.tell(study.ask(), 0.1 * i);
    }
    // The README's query: finished trials, best first, with their params.
    List<Row> best = spark.sql("SELECT f.study, f.trial, f.value, c.params"
        + " FROM delta.`" + path + "` f JOIN delta.`" + path + "` c"
        + " ON c.study = f.study AND c.trial = f.trial AND c.event = 'CREATED'"
        + " WHERE f.event = 'FINISHED' ORDER BY f.value DESC").collectAsList();
    assertEquals(3, best.size());
    assertEquals(2, best.get(0).getInt(1));
    assertEquals(0.2, best.get(0).getDouble(2), 1e-12);
    assertTrue(best.get(0).getString(3).contains("\"kind\""), best.get(0).toString());
  }

  @Test
  void anotherSpaceAndPathsThatAreNotALogAreRefused() throws Exception {
    String path = dir.resolve("log").toString();
    Study study = study("churn", SPACE, path);
    study.tell(study.ask(), 0.5);
    SearchSpace other = new SearchSpace().uniform("x", 0, 2).categorical("kind", "a", "b")
        .intRange("n", 1, 9);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> study("churn", other, path))
        .getMessage().startsWith("the trial store holds study 'churn' over space "));

    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertEquals("studyLog " + file + " is a file; give the path of a Delta table (new, or a"
        + " study log already).", assertThrows(IllegalArgumentException.class,
            () -> DeltaStudyLog.open(spark, file.toString(), "s")).getMessage());
    Path parquet = dir.resolve("parquet");
    spark.range(3).write().parquet(parquet.toString());
    assertEquals("studyLog " + parquet + " is not a Delta table: it holds files but no"
        + " _delta_log. Give a new path, or the path of a study log.", assertThrows(
            IllegalArgumentException.class, () -> DeltaStudyLog.open(spark, parquet.toString(),
                "s")).getMessage());
    Path delta = dir.resolve("delta");
    spark.range(3).toDF("trial").write().format("delta").save(delta.toString());
    String message = assertThrows(IllegalArgumentException.class,
        () -> DeltaStudyLog.open(spark, delta.toString(), "s")).getMessage();
    assertTrue(message.startsWith("studyLog " + delta + " is a Delta table but not a study log:"
        + " it lacks the columns [study string, spaceFingerprint string, seq bigint, trial int,"
        + " event string,"), message);
    assertEquals("studyLog is blank; give the path of a Delta table for the study's events,"
        + " e.g. setStudyLog(\"/delta/studies\").", assertThrows(IllegalArgumentException.class,
            () -> new HyperparameterSearch().setStudyLog("")).getMessage());
  }
}
