package org.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparktune.search.RandomSampler;
import org.sparktune.space.SearchSpace;

/**
 * What every trial store must do: keep every event a study appends, so that a study created
 * over it replays them into exactly the trials the first study held; and refuse another study.
 */
class TrialStoreContractTest {

  private static final SearchSpace SPACE = new SearchSpace().uniform("x", 0, 1)
      .categorical("kind", "a", "b");

  static Stream<Arguments> stores() {
    return Stream.of(Arguments.of("in memory",
        (Supplier<TrialStore>) InMemoryTrialStore::new));
  }

  private static Study study(String name, SearchSpace space, TrialStore store) {
    return Study.create(name, space, new RandomSampler(), Direction.MAXIMIZE, 9, store);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void replayRebuildsTheStudyExactly(String kind, Supplier<TrialStore> stores) {
    TrialStore store = stores.get();
    Study study = study("s", SPACE, store);
    SplittableRandom random = new SplittableRandom(4);
    List<Trial> open = new ArrayList<>();
    for (int step = 0; step < 200; step++) {
      int op = random.nextInt(6);
      if (op == 0 || open.isEmpty()) {
        open.add(study.ask());
        continue;
      }
      Trial t = study.trial(open.get(random.nextInt(open.size())).number());
      switch (op) {
        case 1, 2 -> study.report(t, Rung.of(t.rungs().size(), Math.min(1, 0.1 * (1 + t.rungs()
            .size())), List.of(random.nextDouble(), random.nextDouble()), study.now(),
            study.now()));
        case 3 -> {
          if (!t.rungs().isEmpty()) {
            study.complete(t);
            open.remove(t);
          }
        }
        case 4 -> {
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
    assertTrue(study.trials().size() > 20);
    assertEquals(study.trials(), study("s", SPACE, store).trials());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void replayDoesNotDependOnTheOrderEventsComeBackIn(String kind, Supplier<TrialStore> stores) {
    TrialStore store = stores.get();
    Study study = study("s", SPACE, store);
    for (int i = 0; i < 5; i++) {
      Trial t = study.ask();
      study.tell(t, i);
    }
    List<TrialEvent> shuffled = new ArrayList<>(store.events());
    Collections.shuffle(shuffled, new java.util.Random(3));
    TrialStore copy = stores.get();
    shuffled.forEach(copy::append);
    assertEquals(study.trials(), study("s", SPACE, copy).trials());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void resumedStudyGoesOnFromTheNextNumber(String kind, Supplier<TrialStore> stores) {
    TrialStore store = stores.get();
    Study first = study("s", SPACE, store);
    first.tell(first.ask(), 0.5);
    Trial running = first.ask();
    Study resumed = study("s", SPACE, store);
    assertEquals(TrialState.RUNNING, resumed.trial(running.number()).state());
    assertEquals(2, resumed.ask().number());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void storeOfAnotherStudyOrSpaceIsRefused(String kind, Supplier<TrialStore> stores) {
    TrialStore store = stores.get();
    Study churn = study("churn", SPACE, store);
    churn.tell(churn.ask(), 0.5);
    String fp = SpaceFingerprint.of(SPACE);
    SearchSpace other = new SearchSpace().uniform("x", 0, 2).categorical("kind", "a", "b");
    String otherFp = SpaceFingerprint.of(other);
    assertEquals("the trial store holds study 'churn' (space " + fp + ") but this study is"
        + " 'fraud' (space " + fp + "); a store keeps one study: give this study its own store,"
        + " or call it 'churn' to resume that one.", assertThrows(
            IllegalArgumentException.class, () -> study("fraud", SPACE, store)).getMessage());
    assertEquals("the trial store holds study 'churn' over space " + fp + " but this study's"
        + " space is " + otherFp + "; a study resumes only over the space it started with:"
        + " restore that space, or give this study a new name (or a new store) to start"
        + " afresh.", assertThrows(IllegalArgumentException.class,
            () -> study("churn", other, store)).getMessage());
  }
}
