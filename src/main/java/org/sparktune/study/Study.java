package org.sparktune.study;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Contract: trials are numbered from 0 in the order asked. A trial may {@link #report} one
 * result per rung of its schedule, and ends once: {@link #complete} (its last rung is its
 * result), {@link #prune} or {@link #fail}; {@link #tell} reports one full-budget rung and
 * completes it. Every change is an event appended to the {@link TrialStore}, tagged with the
 * study's name and its space's fingerprint and written outside the study's lock; a study created
 * over a store that already holds events replays them and goes on from the next number, so a
 * resumed study proposes what the first run would have. A store that holds another study's
 * events, or this study's under another space, is refused. Thread-safe: many threads may ask
 * and tell at once.
 *
 * <p>Runs: each study object is one run of the study, with its own id in every event it writes.
 * Over a {@link TrialStore#shared shared} store, several runs (in several drivers) may work on
 * one study at once: each claims a trial number before it uses it ({@link TrialStore#claim}),
 * so no number is used twice; {@link #refresh} reads the other runs' events, which its sampler
 * then sees; a trial belongs to the run that asked it, and only that run reports, promotes or
 * ends it. A run that has written nothing for its lease (a heartbeat keeps a live one fresh) is
 * taken for stopped: its trials that were mid-rung end FAILED and run again, and its trials
 * waiting between rungs are adopted, each by the one run whose claim wins.
 */
public final class Study {

  /** The name of a study created without one. */
  public static final String DEFAULT_NAME = "study";
  /** How the error of a trial that ran again as a new trial starts. */
  public static final String INTERRUPTED = "interrupted: ";
  /** How often {@link #refresh} reads a shared store at most. */
  static final java.time.Duration REFRESH = java.time.Duration.ofMillis(500);

  private final String name;
  private final String fingerprint;
  private final String input;
  private final SearchSpace space;
  private final Sampler sampler;
  private final Direction direction;
  private final long seed;
  private final TrialStore store;
  private final Clock clock;
  private final Map<String, String> setup;
  private final List<Trial> trials = new ArrayList<>();
  private final Deque<Map<String, Object>> queue = new ArrayDeque<>();
  private final String run = java.util.UUID.randomUUID().toString().substring(0, 13);
  private final Map<Integer, String> owners = new java.util.HashMap<>();
  private final Map<String, Writer> writers = new java.util.HashMap<>();
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  /** Held while asking or reading other runs' events: trial numbers are taken one at a time. */
  private final Object asking = new Object();
  private volatile Instant lastWrite = Instant.MIN;
  private long lastRefresh = System.nanoTime() - REFRESH.toNanos();
  private long nextSeq;
  private int requeued;

  /** What a study knows of one run that wrote its store. */
  private static final class Writer {
    Instant lastSeen = Instant.MIN;
    java.time.Duration lease;
    boolean stopped;
  }

  private Study(String name, SearchSpace space, Sampler sampler, Direction direction, long seed,
      TrialStore store, String input, Map<String, String> setup, Clock clock) {
    this.name = name;
    this.fingerprint = SpaceFingerprint.of(space);
    this.input = input == null ? "" : input;
    this.space = space;
    this.sampler = sampler;
    this.direction = direction;
    this.seed = seed;
    this.store = store;
    this.clock = clock;
    this.setup = setup.isEmpty() ? Map.of() : withSpace(setup, space);
    sampler.validate(space.dimensions());
    synchronized (this) {
      absorb(store.events(), true);
    }
    if (!this.setup.isEmpty()) {
      TrialEvent started;
      synchronized (this) {
        Map<String, Object> params = new java.util.LinkedHashMap<>(this.setup);
        params.put("lease", store.lease().toString());
        started = event(-1, TrialEvent.Kind.STARTED, clock.instant(), params, 0, null,
            List.of(), null);
      }
      write(started);
    }
  }

  private static Map<String, String> withSpace(Map<String, String> setup, SearchSpace space) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("space", space.toJson());
    all.putAll(setup);
    return Map.copyOf(all);
  }

  /** A new study kept in memory. */
  public static Study create(SearchSpace space, Sampler sampler, Direction direction,
      long seed) {
    return create(space, sampler, direction, seed, new InMemoryTrialStore());
  }

  /** A study called {@link #DEFAULT_NAME} over {@code store}, resuming from its events. */
  public static Study create(SearchSpace space, Sampler sampler, Direction direction, long seed,
      TrialStore store) {
    return create(DEFAULT_NAME, space, sampler, direction, seed, store);
  }

  /** The study called {@code name} over {@code store}, resuming from its events. */
  public static Study create(String name, SearchSpace space, Sampler sampler,
      Direction direction, long seed, TrialStore store) {
    return create(name, space, sampler, direction, seed, store, "");
  }

  /**
   * The study called {@code name} over {@code store}, resuming from its events, reading {@code
   * input} (as {@link TrialEvent#input} records it; empty for data it cannot name). A store
   * whose events recorded another input is refused: a study resumes on the data it started
   * on.
   */
  public static Study create(String name, SearchSpace space, Sampler sampler,
      Direction direction, long seed, TrialStore store, String input) {
    return create(name, space, sampler, direction, seed, store, input, Map.of());
  }

  /**
   * The study called {@code name} over {@code store}, as {@link #create(String, SearchSpace,
   * Sampler, Direction, long, TrialStore, String)}, whose run records its {@code setup} (each
   * part of what it tunes as text, e.g. {@code estimator}, {@code splitter}, {@code evaluator};
   * the space is added) in a STARTED event. A store whose last recorded setup differs in a part
   * both name is refused, naming the part and both versions; one recorded over another space is
   * refused naming the dimensions that differ.
   */
  public static Study create(String name, SearchSpace space, Sampler sampler,
      Direction direction, long seed, TrialStore store, String input,
      Map<String, String> setup) {
    if (name == null || name.isBlank()) {
      throw StudyErrors.blankName();
    }
    // Microseconds, as a Delta or Parquet timestamp keeps them: a log replays times exactly.
    return new Study(name, space, sampler, direction, seed, store, input, setup,
        Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000)));
  }

  /**
   * The input the study called {@code name} recorded in {@code events} (its first event that
   * names one), if any.
   */
  public static Optional<String> recordedInput(List<TrialEvent> events, String name) {
    return events.stream().filter(e -> e.studyId().equals(name) && !e.input().isEmpty())
        .min(Comparator.comparingLong(TrialEvent::seq)).map(TrialEvent::input);
  }

  /**
   * Applies the events not seen yet: on the first call (the study's creation) every event, with
   * the setup checks; later, other runs' events. Trials are created in number order; a trial's
   * other events apply in time order, and the first end of a trial is its end. Another run's
   * event about a trial of this run is not applied: this run is alive and ends its own trials.
   */
  private void absorb(List<TrialEvent> events, boolean initial) {
    List<TrialEvent> fresh = new ArrayList<>();
    for (TrialEvent e : events) {
      if (!seen.contains(key(e))) {
        fresh.add(e);
      }
    }
    fresh.sort(Comparator.comparingInt((TrialEvent e) ->
            e.kind() == TrialEvent.Kind.CREATED ? 0 : 1)
        .thenComparingInt(e -> e.kind() == TrialEvent.Kind.CREATED ? e.trial() : 0)
        .thenComparing(e -> e.time() == null ? Instant.MIN : e.time())
        .thenComparingLong(TrialEvent::seq));
    Map<String, Object> recorded = fresh.stream()
        .filter(e -> e.kind() == TrialEvent.Kind.STARTED && e.studyId().equals(name))
        .reduce((a, b) -> b).map(TrialEvent::params).orElse(Map.of());
    for (TrialEvent e : fresh) {
      seen.add(key(e));
      if (e.studyId().equals(name) && !e.spaceFingerprint().equals(fingerprint)
          && recorded.get("space") instanceof String before) {
        throw StudyErrors.otherSpace(name, SpaceDiff.of(before, space.toJson()));
      }
      if (!e.studyId().equals(name) || !e.spaceFingerprint().equals(fingerprint)) {
        throw StudyErrors.foreignStore(e.studyId(), e.spaceFingerprint(), name, fingerprint);
      }
      if (!e.input().isEmpty() && !input.isEmpty() && !e.input().equals(input)) {
        throw StudyErrors.otherInput(name, e.input(), input);
      }
      nextSeq = Math.max(nextSeq, e.seq() + 1);
      Writer w = writers.computeIfAbsent(e.writer(), k -> new Writer());
      if (e.time() != null && e.time().isAfter(w.lastSeen)) {
        w.lastSeen = e.time();
      }
      switch (e.kind()) {
        case STARTED:
          if (e.params().get("lease") instanceof String lease) {
            w.lease = java.time.Duration.parse(lease);
          }
          if (initial) {
            checkSetup(e);
          }
          continue;
        case STOPPED:
          w.stopped = true;
          continue;
        case HEARTBEAT:
          continue;
        case CREATED:
          if (e.trial() != trials.size()) {
            throw StudyErrors.gapInStore(e.trial(), trials.size());
          }
          trials.add(Trial.created(e.trial(), e.params(), e.seed(), e.time()));
          owners.put(e.trial(), e.writer());
          continue;
        default:
          break;
      }
      if (e.trial() < 0 || e.trial() >= trials.size()) {
        throw StudyErrors.eventBeforeCreated(e.trial(), e.kind());
      }
      if (!initial && run.equals(owners.get(e.trial()))) {
        continue;
      }
      Trial t = trials.get(e.trial());
      if (e.kind() == TrialEvent.Kind.ADOPTED) {
        owners.put(e.trial(), e.writer());
      } else if (!t.state().isFinished() && (e.kind() != TrialEvent.Kind.RUNG_REPORTED
          || t.rung(e.rung().rung()).isEmpty())) {
        trials.set(e.trial(), apply(t, e));
      }
    }
  }

  private void checkSetup(TrialEvent e) {
    for (Map.Entry<String, String> part : setup.entrySet()) {
      Object before = e.params().get(part.getKey());
      if (!part.getKey().equals("space") && before != null
          && !before.equals(part.getValue())) {
        throw StudyErrors.otherSetup(name, part.getKey(), before.toString(), part.getValue());
      }
    }
  }

  /** What tells one event from every other: its run and its place in that run's order. */
  private static String key(TrialEvent e) {
    return e.writer() + "/" + e.seq() + "/" + e.kind() + "/" + e.trial();
  }

  private static Trial apply(Trial t, TrialEvent e) {
    switch (e.kind()) {
      case RUNG_REPORTED:
        return t.withRung(e.rung());
      case FINISHED:
        return t.ended(TrialState.COMPLETE, e.values(), null, e.time());
      case PRUNED:
        return t.ended(TrialState.PRUNED, List.of(), e.error(), e.time());
      default:
        return t.ended(TrialState.FAILED, List.of(), e.error(), e.time());
    }
  }

  /**
   * Takes over the trials of runs that stopped: one that was mid-rung (RUNNING, with no complete
   * rung: its driver died during a rung) ends FAILED, saying so, and its params are queued to
   * run again as a new trial; one with a complete rung, waiting between rungs, is adopted: this
   * run's scheduler promotes or stops it, as the stopped run's would have. Returns the trials
   * ended. Over a store no other run writes, every earlier run has stopped; over a shared one, a
   * run has stopped when it said so or has written nothing for its lease, and each trial is
   * taken over by the one run whose claim wins. Trials ended here do not count toward {@link
   * #counted}. Call it before the first ask of a run; {@link #refresh} calls it as it goes.
   */
  public List<Trial> requeueInterrupted() {
    List<Trial> stale = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      for (Trial t : trials) {
        if (t.state() == TrialState.RUNNING && !isAlive(owners.get(t.number()), now)) {
          stale.add(t);
        }
      }
    }
    List<Trial> interrupted = new ArrayList<>();
    for (Trial t : stale) {
      String from;
      synchronized (this) {
        from = owners.get(t.number());
      }
      if (t.rungs().stream().allMatch(Rung::partial)) {
        String why = INTERRUPTED + "the run that ran it (" + (from.isEmpty() ? "unnamed" : from)
            + ") stopped during the trial; its params run again as a new trial";
        TrialEvent event;
        synchronized (this) {
          event = event(t.number(), TrialEvent.Kind.FAILED, clock.instant(), Map.of(), 0, null,
              List.of(), why);
        }
        if (claim(event, "interrupted:" + t.number())) {
          synchronized (this) {
            trials.set(t.number(), t.ended(TrialState.FAILED, List.of(), why, event.time()));
            queue.add(t.params());
            requeued++;
          }
          interrupted.add(t);
        }
      } else {
        TrialEvent event;
        synchronized (this) {
          event = event(t.number(), TrialEvent.Kind.ADOPTED, clock.instant(),
              Map.of("from", from), 0, null, List.of(), null);
        }
        if (!store.shared() || claim(event, "adopted:" + t.number() + ":" + from)) {
          synchronized (this) {
            owners.put(t.number(), run);
          }
        }
      }
    }
    return interrupted;
  }

  /**
   * Reads the events other runs of a shared study wrote since the last read, and takes over
   * the trials of runs that stopped ({@link #requeueInterrupted}). Does nothing over a store no
   * other run writes.
   */
  public void refresh() {
    refresh(false);
  }

  /** As {@link #refresh()}; unless {@code force}, at most once per {@link #REFRESH}. */
  private void refresh(boolean force) {
    if (!store.shared()) {
      return;
    }
    synchronized (asking) {
      long now = System.nanoTime();
      if (!force && now - lastRefresh < REFRESH.toNanos()) {
        return;
      }
      lastRefresh = now;
      List<TrialEvent> events = store.events();
      synchronized (this) {
        absorb(events, false);
      }
      requeueInterrupted();
    }
  }

  /**
   * Writes a HEARTBEAT event when this run of a shared study has written nothing for a quarter
   * of its lease, so the other runs go on taking it for alive.
   */
  public void heartbeat() {
    if (!store.shared()
        || lastWrite.plus(store.lease().dividedBy(4)).isAfter(clock.instant())) {
      return;
    }
    TrialEvent event;
    synchronized (this) {
      event = event(-1, TrialEvent.Kind.HEARTBEAT, clock.instant(), Map.of(), 0, null,
          List.of(), null);
    }
    write(event);
  }

  /**
   * Writes a STOPPED event over a shared store: this run asks and ends no more trials, and the
   * other runs take over any it left.
   */
  public void stop() {
    if (!store.shared()) {
      return;
    }
    TrialEvent event;
    synchronized (this) {
      event = event(-1, TrialEvent.Kind.STOPPED, clock.instant(), Map.of(), 0, null, List.of(),
          null);
    }
    write(event);
  }

  /** This run's id: every event it writes carries it. */
  public String run() {
    return run;
  }

  /** Whether trial {@code number} belongs to another run of a shared study, which alone may act on it. */
  public synchronized boolean isElsewhere(int number) {
    // Over a store no other run writes, every trial is this run's to go on with.
    return store.shared() && !run.equals(owners.get(number));
  }

  /**
   * The numbers of the trials another live run is running mid-rung, with no complete rung yet;
   * a run with nothing left to do waits for these, which may come back to it as interrupted.
   */
  public synchronized java.util.Set<Integer> runningElsewhere() {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (Trial t : trials) {
      if (t.state() == TrialState.RUNNING && isElsewhere(t.number())
          && t.rungs().stream().allMatch(Rung::partial)) {
        out.add(t.number());
      }
    }
    return out;
  }

  /**
   * Whether another run of a shared study owns a trial that has not ended: a run with nothing
   * left to do waits for these before it returns the study's best trial.
   */
  public synchronized boolean unfinishedElsewhere() {
    for (Trial t : trials) {
      if (!t.state().isFinished() && isElsewhere(t.number())) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many trials count toward a trial budget: every trial but those ended because their run
   * stopped mid-rung, whose params ran again as new trials.
   */
  public synchronized long counted() {
    long n = 0;
    for (Trial t : trials) {
      if (!(t.state() == TrialState.FAILED && t.error() != null
          && t.error().startsWith(INTERRUPTED))) {
        n++;
      }
    }
    return n;
  }

  private boolean isAlive(String writer, Instant now) {
    if (run.equals(writer)) {
      return true;
    }
    Writer w = writers.get(writer);
    if (!store.shared() || w == null || w.stopped || writer.isEmpty()) {
      return false;
    }
    java.time.Duration lease = w.lease == null ? store.lease() : w.lease;
    return w.lastSeen.plus(lease).isAfter(now);
  }

  /** Appends {@code event}, outside the study's lock. */
  private void write(TrialEvent event) {
    store.append(event);
    lastWrite = clock.instant();
  }

  /**
   * Appends {@code event} unless another run's claim under {@code key} came first (over a store
   * no other run writes, always), outside the study's lock; returns whether it was appended.
   */
  private boolean claim(TrialEvent event, String key) {
    if (!store.shared()) {
      write(event);
      return true;
    }
    boolean won = store.claim(event, key);
    lastWrite = clock.instant();
    return won;
  }

  /** Queues a known configuration: the next ask returns it before the sampler proposes. */
  public synchronized Study enqueue(Map<String, ?> params) {
    queue.add(space.checkPoint(params));
    return this;
  }

  /** Whether the sampler can propose another trial (a grid can run out). */
  public synchronized boolean hasNext() {
    return !queue.isEmpty() || trials.size() < capacity();
  }

  /**
   * How many trials the sampler can propose in all, enqueued ones aside, plus the trials {@link
   * #requeueInterrupted} queued again.
   */
  public synchronized long capacity() {
    long points = sampler.capacity(space.dimensions());
    return points == Long.MAX_VALUE ? points : points + requeued;
  }

  /**
   * Starts the next trial, an enqueued configuration or the sampler's proposal, with the
   * sampler seeing every earlier trial: a finished trial with its final value, a running one
   * as pending.
   */
  public Trial ask() {
    return ask(-1, Integer.MAX_VALUE);
  }

  /**
   * Starts the next trial with the sampler seeing only what a reproducible run sees: the trials
   * numbered below {@code settledBefore} with their result at rung {@code observedRung} (or
   * their end state when they have none there), and every later trial as pending. With {@code
   * observedRung} -1 a trial's result is its final value.
   */
  public Trial ask(int observedRung, int settledBefore) {
    return ask(observedRung, settledBefore, Long.MAX_VALUE).orElseThrow();
  }

  /**
   * Starts the next trial as {@link #ask(int, int)} does, unless {@link #counted} has reached
   * {@code limit}. Over a shared store it first reads the other runs' events, then claims the
   * next number; when another run claimed it first, it reads again and proposes anew.
   */
  public Optional<Trial> ask(int observedRung, int settledBefore, long limit) {
    synchronized (asking) {
      boolean lost = false;
      while (true) {
        refresh(lost);
        lost = true;
        Trial trial;
        TrialEvent event;
        Map<String, Object> queued = null;
        synchronized (this) {
          if (counted() >= limit) {
            return Optional.empty();
          }
          int number = trials.size();
          long trialSeed = Seeds.derive(seed, number);
          queued = queue.poll();
          Map<String, Object> params = queued != null ? queued
              : space.checkPoint(sampler.sample(new SamplingContext(space.dimensions(),
                  history(observedRung, settledBefore), number, trialSeed, seed)));
          trial = Trial.created(number, params, trialSeed, clock.instant());
          event = event(number, TrialEvent.Kind.CREATED, trial.start(), params, trialSeed, null,
              List.of(), null);
          if (!store.shared()) {
            trials.add(trial);
            owners.put(number, run);
          }
        }
        if (!store.shared()) {
          write(event);
          return Optional.of(trial);
        }
        if (claim(event, "created:" + trial.number())) {
          synchronized (this) {
            trials.add(trial);
            owners.put(trial.number(), run);
          }
          return Optional.of(trial);
        }
        if (queued != null) {
          synchronized (this) {
            queue.addFirst(queued);
          }
        }
      }
    }
  }

  /**
   * Whether trial {@code number}'s observation at {@code observedRung} is settled: it reported
   * there, or it has ended. A reproducible run waits for this before proposing a trial that is
   * meant to see it.
   */
  public synchronized boolean isSettled(int number, int observedRung) {
    Trial t = trials.get(number);
    return t.state().isFinished() || (observedRung >= 0 && t.rung(observedRung).isPresent());
  }

  /** Whether the sampler needs the history to propose trial {@code number}. */
  public boolean samplerNeedsHistory(int number) {
    return sampler.usesHistory(number);
  }

  /** Records trial {@code trial}'s result at one rung; the trial stays RUNNING. */
  public Trial report(Trial trial, Rung rung) {
    Trial updated;
    TrialEvent event;
    synchronized (this) {
      Trial current = running(trial);
      if (current.rung(rung.rung()).isPresent()) {
        throw StudyErrors.rungTwice(trial.number(), rung.rung());
      }
      updated = current.withRung(rung);
      trials.set(trial.number(), updated);
      event = event(trial.number(), TrialEvent.Kind.RUNG_REPORTED, clock.instant(), Map.of(), 0,
          rung, List.of(), null);
    }
    write(event);
    return updated;
  }

  /** Finishes a running trial as COMPLETE: its last rung's value is its value. */
  public Trial complete(Trial trial) {
    Trial current = trial(trial.number());
    if (current.rungs().isEmpty()) {
      throw StudyErrors.completeWithoutRung(trial.number());
    }
    return end(trial, TrialState.COMPLETE, List.of(current.lastRung().get().value()), null);
  }

  /** Stops a running trial: PRUNED at the budget of its last rung, for {@code reason}. */
  public Trial prune(Trial trial, String reason) {
    return end(trial, TrialState.PRUNED, List.of(), reason);
  }

  /** Ends a running trial as FAILED, with the error. */
  public Trial fail(Trial trial, String error) {
    return end(trial, TrialState.FAILED, List.of(), error == null ? "failed" : error);
  }

  private Trial end(Trial trial, TrialState to, List<Double> values, String why) {
    Trial ended;
    TrialEvent event;
    synchronized (this) {
      Trial current = running(trial);
      Instant now = clock.instant();
      ended = current.ended(to, values, why, now);
      trials.set(trial.number(), ended);
      TrialEvent.Kind kind = to == TrialState.COMPLETE ? TrialEvent.Kind.FINISHED
          : to == TrialState.PRUNED ? TrialEvent.Kind.PRUNED : TrialEvent.Kind.FAILED;
      event = event(trial.number(), kind, now, Map.of(), 0, null, values, why);
    }
    write(event);
    return ended;
  }

  /** Tells a running trial's objective value: one full-budget rung, and COMPLETE. */
  public Trial tell(Trial trial, double value) {
    return tell(trial, TrialResult.complete(value));
  }

  /** Tells a running trial that it ended without a value: FAILED or PRUNED. */
  public Trial tell(Trial trial, TrialState state) {
    return tell(trial, new TrialResult(state, Double.NaN, List.of(),
        state == TrialState.FAILED ? "told FAILED" : null));
  }

  /** Tells a running trial what came of it on all the data, with per-fold metrics. */
  public Trial tell(Trial trial, TrialResult result) {
    Trial current = running(trial);
    switch (result.state()) {
      case COMPLETE:
        Instant now = clock.instant();
        report(current, new Rung(current.rungs().size(), 1.0, result.foldMetrics(),
            result.value(), now, now));
        return complete(current);
      case PRUNED:
        return prune(current, result.error());
      default:
        return fail(current, result.error());
    }
  }

  private synchronized Trial running(Trial trial) {
    if (trial.number() < 0 || trial.number() >= trials.size()
        || trials.get(trial.number()).seed() != trial.seed()) {
      throw StudyErrors.neverAsked(trial.number(), trials.size());
    }
    Trial current = trials.get(trial.number());
    if (current.state().isFinished()) {
      throw StudyErrors.toldTwice(trial.number(), current.state());
    }
    return current;
  }

  private TrialEvent event(int number, TrialEvent.Kind kind, Instant time,
      Map<String, Object> params, long trialSeed, Rung rung, List<Double> values,
      String error) {
    TrialEvent e = new TrialEvent(name, fingerprint, input, nextSeq++, number, kind, time,
        params, trialSeed, rung, values, error, run);
    seen.add(key(e));
    return e;
  }

  /** Every trial so far, by number. */
  public synchronized List<Trial> trials() {
    return List.copyOf(trials);
  }

  /** Trial {@code number} as it stands now. */
  public synchronized Trial trial(int number) {
    if (number < 0 || number >= trials.size()) {
      throw StudyErrors.neverAsked(number, trials.size());
    }
    return trials.get(number);
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

  /** The study's name: every event it writes carries it. */
  public String name() {
    return name;
  }

  /** The fingerprint of the study's space: every event it writes carries it. */
  public String spaceFingerprint() {
    return fingerprint;
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

  private List<Observation> history(int observedRung, int settledBefore) {
    List<Observation> out = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      out.add(observe(t, observedRung, t.number() < settledBefore));
    }
    return out;
  }

  private Observation observe(Trial t, int observedRung, boolean visible) {
    if (!visible) {
      return new Observation(t.number(), t.params(), Observation.Status.RUNNING, Double.NaN);
    }
    if (observedRung >= 0) {
      Optional<Rung> r = t.rung(observedRung);
      if (r.isPresent()) {
        return new Observation(t.number(), t.params(), Observation.Status.COMPLETE,
            direction.toLoss(r.get().value()));
      }
      if (t.state() == TrialState.COMPLETE) {
        return new Observation(t.number(), t.params(), Observation.Status.PRUNED, Double.NaN);
      }
    }
    double loss = t.state() == TrialState.COMPLETE ? direction.toLoss(t.value()) : Double.NaN;
    return new Observation(t.number(), t.params(), Observation.Status.valueOf(t.state().name()),
        loss);
  }
}
