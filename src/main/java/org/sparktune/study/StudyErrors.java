package org.sparktune.study;

import java.util.List;

/** The misuse messages of studies: what is wrong, why, and how to fix it. */
final class StudyErrors {

  private StudyErrors() {}

  static IllegalArgumentException neverAsked(int number, int asked) {
    return new IllegalArgumentException("trial " + number + " was never asked by this study ("
        + asked + " trials asked so far); tell only trials that this study's ask() returned.");
  }

  static IllegalStateException toldTwice(int number, TrialState state) {
    return new IllegalStateException("trial " + number + " was already told (" + state
        + "); each trial is told once: ask() a new trial to try again.");
  }

  static IllegalStateException gapInStore(int found, int expected) {
    return new IllegalStateException("the trial store holds trial " + found + " where trial "
        + expected + " was expected; trials are numbered from 0 without gaps, so this store was"
        + " written by something else: point the study at its own store.");
  }

  static IllegalArgumentException blankName() {
    return new IllegalArgumentException("a study's name is blank; give it a name that says"
        + " what it tunes, e.g. \"churn-lr\": every event of its log carries it.");
  }

  static IllegalArgumentException foreignStore(String storedName, String storedFingerprint,
      String name, String fingerprint) {
    if (!storedName.equals(name)) {
      return new IllegalArgumentException("the trial store holds study '" + storedName
          + "' (space " + storedFingerprint + ") but this study is '" + name + "' (space "
          + fingerprint + "); a store keeps one study: give this study its own store, or call it '"
          + storedName + "' to resume that one.");
    }
    return new IllegalArgumentException("the trial store holds study '" + name + "' over space "
        + storedFingerprint + " but this study's space is " + fingerprint + "; a study resumes"
        + " only over the space it started with: restore that space, or give this study a new"
        + " name (or a new store) to start afresh.");
  }

  static IllegalArgumentException otherSpace(String name, List<String> differences) {
    return new IllegalArgumentException("study '" + name + "' was recorded over another search"
        + " space: " + String.join("; ", differences) + ". A study resumes only over the space"
        + " it started with: restore that space, or give this study a new name (or a new store)"
        + " to start afresh.");
  }

  static IllegalArgumentException otherSetup(String name, String part, String recorded,
      String now) {
    return new IllegalArgumentException("study '" + name + "' ran with " + part + " " + recorded
        + " but this run has " + part + " " + now + "; a study resumes only with the " + part
        + " it started with: restore it, or give this study a new name (or a new store) to"
        + " start afresh.");
  }

  static IllegalArgumentException otherInput(String name, String recorded, String given) {
    return new IllegalArgumentException("study '" + name + "' ran on " + recorded + " but this"
        + " run reads " + given + "; a study resumes on the data it started on: read the"
        + " recorded snapshot (DeltaInput.latest resumes at it), or give this study a new name"
        + " (or a new store) to start afresh on the new data.");
  }

  static IllegalStateException eventBeforeCreated(int trial, TrialEvent.Kind kind) {
    return new IllegalStateException("the trial store holds a " + kind + " event of trial "
        + trial + " before that trial was created; the log is damaged or was written by"
        + " something else: point the study at its own store.");
  }

  static IllegalStateException rungTwice(int trial, int rung) {
    return new IllegalStateException("trial " + trial + " already reported rung " + rung
        + "; each rung is reported once: report the next rung, or ask a new trial.");
  }

  static IllegalStateException completeWithoutRung(int trial) {
    return new IllegalStateException("trial " + trial + " cannot complete: it reported no rung;"
        + " report a rung first, or tell it FAILED with the reason.");
  }
}
