package org.sparktune.space;

import java.util.List;

/**
 * One of a list of values: {@code String}, {@code Boolean}, {@code Long} or {@code Double},
 * all of one kind. Build it through {@link Values#categorical} so ints and floats are widened.
 *
 * @param choices the values, in the order given, without repeats
 */
public record Categorical(List<Object> choices) implements Distribution {

  /** Copies the list so the record stays immutable. */
  public Categorical {
    choices = List.copyOf(choices);
  }

  @Override
  public boolean contains(Object value) {
    return choices.contains(value);
  }
}
