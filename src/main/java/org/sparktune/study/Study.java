package org.sparktune.study;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sparktune.search.Observation;
import org.sparktune.search.Sampler;
import org.sparktune.search.SamplingContext;
import org.sparktune.search.Seeds;
import org.sparktune.space.SearchSpace;

/**
 * A search in progress: the ask/tell protocol over a space, a sampler and a trial store.
 *
 * <pre>{@code
 * SearchSpace space = new SearchSpace().uniform("x1", -5, 10).uniform("x2", 0, 15);
 * Study study = Study.create(space, new RandomSampler(), Direction.MINIMIZE, 7);
 * Trial t = study.ask();
 * study.tell(t, branin(t.params()));
 * }</pre>
 *
 * <p>Contract: trials are numbered from 0 in the order asked; each is told once. The sampler
 * sees every earlier trial, running ones included. A study created over a store that already
 * holds trials replays them and goes on from the next number, so a resumed study proposes
 * what the first run would have. Thread-safe: many threads may ask and tell at once.
 */
public final class Study {

  private final SearchSpace space;
  private final Sampler sampler;
  private final Direction direction;
  private final long seed;
  private final TrialStore store;
  private final Clock clock;
  private final List<Trial> trials = new ArrayList<>();
  private final Deque<Map<String, Object>> queue = new ArrayDeque<>();

  private Study(SearchSpace space, Sampler sampler, Direction direction, long seed,
      TrialStore store, Clock clock) {
    this.space = space;
    this.sampler = sampler;
    this.direction = direction;
    this.seed = seed;
    this.store = store;
    this.clock = clock;
    sampler.validate(space.dimensions());
    for (Trial t : store.load()) {
      if (t.number() != trials.size()) {
        throw StudyErrors.gapInStore(t.number(), trials.size());
      }
      trials.add(t);
    }
  }

  /** A new study kept in memory. */
  public static Study create(SearchSpace space, Sampler sampler, Direction direction,
      long seed) {
    return create(space, sampler, direction, seed, new InMemoryTrialStore());
  }

  /** A study over {@code store}, resuming from the trials it already holds. */
  public static Study create(SearchSpace space, Sampler sampler, Direction direction, long seed,
      TrialStore store) {
    return new Study(space, sampler, direction, seed, store, Clock.systemUTC());
  }

  /** Queues a known configuration: the next ask returns it before the sampler proposes. */
  public synchronized Study enqueue(Map<String, ?> params) {
    queue.add(space.checkPoint(params));
    return this;
  }

  /** Whether the sampler can propose another trial (a grid can run out). */
  public synchronized boolean hasNext() {
    return !queue.isEmpty() || trials.size() < sampler.capacity(space.dimensions());
  }

  /** Starts the next trial: an enqueued configuration, or the sampler's proposal. */
  public synchronized Trial ask() {
    int number = trials.size();
    long trialSeed = Seeds.derive(seed, number);
    Map<String, Object> params = queue.isEmpty()
        ? space.checkPoint(sampler.sample(new SamplingContext(space.dimensions(), history(),
            number, trialSeed, seed)))
        : queue.poll();
    Trial trial = new Trial(number, params, TrialState.RUNNING, Double.NaN, List.of(),
        trialSeed, clock.instant(), null, null);
    trials.add(trial);
    store.put(trial);
    return trial;
  }

  /** Tells a running trial's objective value: it becomes COMPLETE. */
  public Trial tell(Trial trial, double value) {
    return tell(trial, TrialResult.complete(value));
  }

  /** Tells a running trial that it ended without a value: FAILED or PRUNED. */
  public Trial tell(Trial trial, TrialState state) {
    return tell(trial, new TrialResult(state, Double.NaN, List.of(),
        state == TrialState.FAILED ? "told FAILED" : null));
  }

  /** Tells a running trial what came of it, with per-fold metrics and any error. */
  public synchronized Trial tell(Trial trial, TrialResult result) {
    if (trial.number() < 0 || trial.number() >= trials.size()
        || trials.get(trial.number()).seed() != trial.seed()) {
      throw StudyErrors.neverAsked(trial.number(), trials.size());
    }
    Trial current = trials.get(trial.number());
    if (current.state().isFinished()) {
      throw StudyErrors.toldTwice(trial.number(), current.state());
    }
    Trial told = current.finish(result, clock.instant());
    trials.set(told.number(), told);
    store.put(told);
    return told;
  }

  /** Every trial so far, by number. */
  public synchronized List<Trial> trials() {
    return List.copyOf(trials);
  }

  /** The COMPLETE trial with the best value (the first of equals), if any. */
  public synchronized Optional<Trial> bestTrial() {
    Trial best = null;
    for (Trial t : trials) {
      if (t.state() == TrialState.COMPLETE
          && (best == null || direction.isBetter(t.value(), best.value()))) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The study's direction. */
  public Direction direction() {
    return direction;
  }

  /** The study's space. */
  public SearchSpace space() {
    return space;
  }

  /** The study's sampler. */
  public Sampler sampler() {
    return sampler;
  }

  /** The study's seed. */
  public long seed() {
    return seed;
  }

  /** When the study's clock says it is now. */
  public Instant now() {
    return clock.instant();
  }

  private List<Observation> history() {
    List<Observation> out = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      double loss = t.state() == TrialState.COMPLETE ? direction.toLoss(t.value()) : Double.NaN;
      out.add(new Observation(t.number(), t.params(),
          Observation.Status.valueOf(t.state().name()), loss));
    }
    return out;
  }
}
