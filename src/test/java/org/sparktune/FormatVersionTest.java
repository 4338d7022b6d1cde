package org.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.internal.Versions;
import org.sparktune.search.GridSampler;
import org.sparktune.space.SearchSpace;
import org.sparktune.split.Holdout;
import org.sparktune.testing.SavedMetadata;
import org.sparktune.testing.TestData;

/**
 * Every saved stage records the format it was written in and the sparktune that wrote it; a
 * format this build does not know fails on load with the way out, and saves from before the
 * field existed still load.
 */
class FormatVersionTest {

  private static ModelChoice choice;
  private static HyperparameterSearch search;
  private static TunedModel tuned;

  /** One kind of saved stage: how to save an instance and load it back. */
  private record Saved(MLWritable stage, Function<String, ? extends Params> load) {
    String save(Path dir) throws IOException {
      String path = dir.resolve("stage").toString();
      stage.write().save(path);
      return path;
    }

    String className() {
      return stage.getClass().getName();
    }

    String uid() {
      return ((Params) stage).uid();
    }
  }

  @BeforeAll
  static void fit() {
    LogisticRegression lr = new LogisticRegression().setMaxIter(5);
    choice = new ModelChoice().addCandidate("lr", lr);
    search = new HyperparameterSearch().setEstimator(choice)
        .setEvaluator(new BinaryClassificationEvaluator())
        .setSearchSpace(new SearchSpace().categorical(choice.choice(), "lr")
            .when(choice.choice(), "lr", s -> s.categorical(lr.regParam(), 0.01, 0.1)))
        .setSampler(new GridSampler())
        .setSplitter(new Holdout().setLabelCol("label"))
        .setMaxTrials(2).setSeed(3);
    tuned = search.fit(TestData.adultNumeric(400));
  }

  static Stream<Named<Saved>> stages() {
    return Stream.of(
        Named.of("HyperparameterSearch", new Saved(search, HyperparameterSearch::load)),
        Named.of("TunedModel", new Saved(tuned, TunedModel::load)),
        Named.of("ModelChoice", new Saved(choice, ModelChoice::load)),
        Named.of("ModelChoiceModel",
            new Saved((ModelChoiceModel) tuned.bestModel(), ModelChoiceModel::load)));
  }

  @ParameterizedTest
  @MethodSource("stages")
  void everySaveRecordsItsFormatAndTheSparktuneThatWroteIt(Saved saved, @TempDir Path dir)
      throws IOException {
    JsonNode meta = SavedMetadata.read(saved.save(dir));
    assertEquals(1, meta.path("formatVersion").asInt(-1));
    assertEquals(Versions.library(), meta.path("sparktuneVersion").asText());
  }

  @ParameterizedTest
  @MethodSource("stages")
  void anUnknownFormatFailsNamingTheVersionsThisBuildReadsAndTheWriter(Saved saved,
      @TempDir Path dir) throws IOException {
    String path = saved.save(dir);
    SavedMetadata.edit(path,
        meta -> meta.put("formatVersion", 99).put("sparktuneVersion", "9.9.0"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> saved.load().apply(path));
    assertEquals("cannot load the " + saved.className() + " saved at " + path + ": its"
        + " metadata has formatVersion 99, but this sparktune (" + Versions.library() + ")"
        + " reads formatVersion 1 only; load it with sparktune 9.9.0, the version that wrote it"
        + " (sparktuneVersion in " + path + "/metadata).", e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("stages")
  void aSaveFromBeforeTheFormatFieldLoads(Saved saved, @TempDir Path dir) throws IOException {
    String path = saved.save(dir);
    SavedMetadata.edit(path, meta -> meta.remove(List.of("formatVersion", "sparktuneVersion")));
    Params loaded = saved.load().apply(path);
    assertEquals(saved.stage().getClass(), loaded.getClass());
    assertEquals(saved.uid(), loaded.uid());
  }

  @Test
  void aModelSavedBeforeTheStopReasonWasRecordedLoadsWithItUnrecorded(@TempDir Path dir)
      throws IOException {
    String path = new Saved(tuned, TunedModel::load).save(dir);
    assertEquals("SCHEDULE_DONE", SavedMetadata.read(path).path("stopReason").asText());
    SavedMetadata.edit(path, meta -> meta.remove("stopReason"));
    TunedModel loaded = TunedModel.load(path);
    assertEquals(TunedModel.UNRECORDED, loaded.stopReason());
    assertEquals(tuned.trialList(), loaded.trialList());
  }

  @Test
  void aFormatThatIsNotANumberFailsAndSaysTheWriterIsUnrecorded(@TempDir Path dir)
      throws IOException {
    String path = new Saved(choice, ModelChoice::load).save(dir);
    SavedMetadata.edit(path, meta -> {
      meta.put("formatVersion", "1");
      meta.remove("sparktuneVersion");
    });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelChoice.load(path));
    assertEquals("cannot load the " + ModelChoice.class.getName() + " saved at " + path + ":"
        + " its metadata has formatVersion \"1\", but this sparktune (" + Versions.library()
        + ") reads formatVersion 1 only; load it with the sparktune version that wrote it (its"
        + " metadata does not record which).", e.getMessage());
  }

  @Test
  void aNestedStageInAnUnknownFormatFailsNamingItsOwnPath(@TempDir Path dir)
      throws IOException {
    String path = new Saved(search, HyperparameterSearch::load).save(dir);
    String nested = path + "/estimator";
    SavedMetadata.edit(nested, meta -> meta.put("formatVersion", 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperparameterSearch.load(path));
    assertEquals("cannot load the " + ModelChoice.class.getName() + " saved at " + nested
        + ": its metadata has formatVersion 2, but this sparktune (" + Versions.library()
        + ") reads formatVersion 1 only; load it with sparktune " + Versions.library()
        + ", the version that wrote it (sparktuneVersion in " + nested + "/metadata).",
        e.getMessage());
  }

  @Test
  void loadingAStageAsAnotherClassFailsNamingTheClassToUse(@TempDir Path dir)
      throws IOException {
    String path = new Saved(choice, ModelChoice::load).save(dir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TunedModel.load(path));
    assertEquals("the stage saved at " + path + " is a " + ModelChoice.class.getName()
        + ", not a " + TunedModel.class.getName() + "; load it with "
        + ModelChoice.class.getName() + ".load(path).", e.getMessage());
  }
}
