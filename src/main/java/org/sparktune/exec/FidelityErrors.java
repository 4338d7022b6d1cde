package org.sparktune.exec;

import java.util.Collection;

/**
 * The bad-input messages of a search's fidelity and fold racing: what is wrong, why, and how
 * to fix it. Used by {@link FidelityPlan} and {@link FoldRace} before any training.
 */
public final class FidelityErrors {

  private FidelityErrors() {}

  static IllegalArgumentException paramNotInEstimator(String param, Collection<String> stages) {
    return new IllegalArgumentException("iterations param '" + param + "' is not a param of"
        + " any stage of the estimator (stages " + stages + "); name an integer param of one"
        + " of them, e.g. 'maxIter' of LogisticRegression or 'numTrees' of"
        + " RandomForestClassifier.");
  }

  static IllegalArgumentException ambiguousParam(String param, Collection<String> stages) {
    return new IllegalArgumentException("iterations param '" + param + "' is a param of"
        + " several stages " + stages + "; name the one to scale as '<stage uid>." + param
        + "', e.g. '" + stages.iterator().next() + "." + param + "'.");
  }

  static IllegalArgumentException notIntParam(String param, String stage, String type) {
    return new IllegalArgumentException("iterations param '" + param + "' of stage " + stage
        + " is a " + type + ", not an IntParam; the iterations fidelity scales an integer"
        + " count per rung: name an IntParam such as maxIter or numTrees.");
  }

  static IllegalArgumentException alsoSearched(String param, String dimension) {
    return new IllegalArgumentException("iterations param '" + param + "' is also in the"
        + " search space (as '" + dimension + "'); a param cannot be both the fidelity and"
        + " searched or fixed: remove it from the search space, or use the dataFraction"
        + " fidelity.");
  }

  static IllegalArgumentException raceWithOneFold(String splitter, int folds) {
    return new IllegalArgumentException("raceFolds needs at least 2 folds but splitter "
        + splitter + " cuts " + folds + "; racing evaluates one fold first and stops a trial"
        + " that cannot reach the top on the others: use a splitter with 2 or more folds"
        + " (e.g. new KFold().setNumFolds(3)), or setRaceFolds(false).");
  }
}
