package org.sparktune.study;

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
}
