package org.sparktune.space;

import java.util.Collection;
import java.util.List;

/**
 * The bad-input messages of search spaces. Each says what is wrong (name and value), why, and
 * how to fix it; tests pin them, so they are API.
 */
final class SpaceErrors {

  private SpaceErrors() {}

  static IllegalArgumentException emptyName() {
    return new IllegalArgumentException(
        "a search-space dimension needs a non-empty name; pass a name or an MLlib Param.");
  }

  static IllegalArgumentException lowAboveHigh(String name, Object low, Object high) {
    return new IllegalArgumentException("dimension '" + name + "' has low " + low
        + " above high " + high + "; the low bound must be below the high bound: swap them.");
  }

  static IllegalArgumentException emptyFloatRange(String name, double value) {
    return new IllegalArgumentException("dimension '" + name + "' has low == high == " + value
        + "; a range must have low < high: use fixed(...) for a single value.");
  }

  static IllegalArgumentException logRangeNotPositive(String name, Object low) {
    return new IllegalArgumentException("dimension '" + name + "' is log-scaled but its low bound "
        + low + " is not above 0; a log range must lie above 0: raise the low bound (e.g. 1e-6)"
        + " or use a linear range.");
  }

  static IllegalArgumentException logIntRangeBelowOne(String name, long low) {
    return new IllegalArgumentException("dimension '" + name + "' is log-scaled but its low bound "
        + low + " is below 1; a log int range must start at 1 or more: raise the low bound or"
        + " use a linear range.");
  }

  static IllegalArgumentException badStep(String name, Object step) {
    return new IllegalArgumentException("dimension '" + name + "' has step " + step
        + "; a step must be above 0 (a float range may use 0 for continuous): fix the step.");
  }

  static IllegalArgumentException stepOnLogScale(String name) {
    return new IllegalArgumentException("dimension '" + name + "' is log-scaled and stepped;"
        + " a step applies to linear ranges only: drop the step or the log scale.");
  }

  static IllegalArgumentException emptyCategorical(String name) {
    return new IllegalArgumentException("categorical dimension '" + name
        + "' has no values; give at least one value.");
  }

  static IllegalArgumentException mixedCategorical(String name, Class<?> kind, Object value) {
    return new IllegalArgumentException("categorical dimension '" + name + "' mixes values of kind "
        + kind.getSimpleName().toLowerCase() + " with " + Values.kind(value) + " (" + value
        + "); give values of one kind.");
  }

  static IllegalArgumentException repeatedCategorical(String name, List<Object> values) {
    return new IllegalArgumentException("categorical dimension '" + name
        + "' repeats a value in " + values + "; list each value once.");
  }

  static IllegalArgumentException unsupportedValue(String name, Object value) {
    return new IllegalArgumentException("dimension '" + name + "' has value " + value + " of kind "
        + (value == null ? "null" : value.getClass().getName())
        + "; values must be a string, boolean, int, long, float or double.");
  }

  static IllegalArgumentException duplicateName(String name) {
    return new IllegalArgumentException("search space already has a dimension named '" + name
        + "'; give the second one its own name, e.g. uniform(\"stage2." + name
        + "\", param, low, high).");
  }

  static IllegalArgumentException unknownDimension(String name, Collection<String> known) {
    return new IllegalArgumentException("point names '" + name + "', which is not a dimension of"
        + " the search space; the dimensions are " + known + ".");
  }

  static IllegalArgumentException missingValue(String name) {
    return new IllegalArgumentException("point has no value for dimension '" + name
        + "'; give a value for every dimension.");
  }

  static IllegalArgumentException outsideDimension(String name, Object value, Distribution d) {
    return new IllegalArgumentException("value " + value + " (" + Values.kind(value)
        + ") is outside dimension '" + name + "' = " + d + "; give a value the dimension allows.");
  }

  static IllegalArgumentException paramNotInEstimator(String name, String paramParent,
      Collection<String> stages) {
    return new IllegalArgumentException("search space param '" + name + "' belongs to stage '"
        + paramParent + "', which is not part of the estimator; its stages are " + stages
        + ". Build the space from the Params of the stages you pass to setEstimator"
        + " (e.g. lr.regParam() of the same lr in the Pipeline).");
  }

  static IllegalArgumentException wrongValueType(String name, String paramType, Object value,
      String expected) {
    return new IllegalArgumentException("search space param '" + name + "' is " + paramType
        + " but value " + value + " is a " + Values.kind(value) + "; give " + expected
        + " values.");
  }

  static IllegalArgumentException invalidForParam(String name, Object value, String doc) {
    return new IllegalArgumentException("search space param '" + name + "' cannot take value "
        + value + " (the param says: " + doc + "); narrow the range to values the param accepts.");
  }

  static IllegalArgumentException badJson(String what, Exception cause) {
    return new IllegalArgumentException("search space JSON is not valid: " + what
        + "; write it as SearchSpace.toJson() does.", cause);
  }

  static IllegalArgumentException missingParent(String name, String parent, boolean fixed,
      Collection<String> known) {
    return new IllegalArgumentException("dimension '" + name + "' applies only when '" + parent
        + "' takes given values, but '" + parent + "' is "
        + (fixed ? "a fixed value, not a searched dimension" : "not a dimension of the space")
        + "; the dimensions are " + known + ". Add '" + parent + "' as a categorical dimension"
        + " (e.g. categorical(\"" + parent + "\", true, false)) or fix the name in when(...).");
  }

  static IllegalArgumentException parentNotCategorical(String name, String parent,
      Distribution d) {
    return new IllegalArgumentException("dimension '" + name + "' applies only when '" + parent
        + "' takes given values, but '" + parent + "' is " + d + ", not a categorical;"
        + " a condition needs a categorical parent: make '" + parent + "' categorical(...)"
        + " or add a categorical flag and put '" + name + "' under it.");
  }

  static IllegalArgumentException emptyCondition(String name, String parent) {
    return new IllegalArgumentException("dimension '" + name + "' has a condition on '" + parent
        + "' with no values, so it could never apply; give at least one value of '" + parent
        + "'.");
  }

  static IllegalArgumentException conditionValueNotChoice(String name, String parent,
      Object value, List<Object> choices) {
    return new IllegalArgumentException("dimension '" + name + "' applies when '" + parent
        + "' is " + value + " (" + Values.kind(value) + "), which '" + parent
        + "' cannot take; its values are " + choices + ": use one of them.");
  }

  static IllegalArgumentException conditionCycle(List<String> cycle) {
    return new IllegalArgumentException("search space conditions form a cycle: "
        + String.join(" -> ", cycle) + " (each applies only when the next takes given values);"
        + " a dimension cannot depend on itself: remove one of these conditions.");
  }

  static IllegalArgumentException inactiveValue(String name, Condition condition) {
    return new IllegalArgumentException("point gives dimension '" + name + "' a value, but '"
        + name + "' applies only when " + condition + ", which this point does not meet;"
        + " leave '" + name + "' out of the point.");
  }

  static IllegalArgumentException missingParam(String what, String param) {
    return new IllegalArgumentException(what + " names param '" + param + "', which is not a"
        + " dimension of the search space; add it as a categorical dimension first, then"
        + " call when(...).");
  }
}
