package org.sparktune.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.ml.classification.LogisticRegression;
import org.junit.jupiter.api.Test;

/** The space's JSON reader refuses what it does not understand instead of guessing. */
class SpaceJsonStrictTest {

  private static String message(String json) {
    return assertThrows(IllegalArgumentException.class, () -> SearchSpace.fromJson(json))
        .getMessage();
  }

  @Test
  void anUnknownDimensionKeyFailsNamingTheNearest() {
    assertEquals("search space JSON is not valid: a dimension has unknown key 'hihg' (did you"
        + " mean 'high'?); its keys are [name, param, type, low, high, log, step, values,"
        + " when]; write it as SearchSpace.toJson() does.", message("{\"dimensions\": [{\"name\":"
        + " \"x\", \"type\": \"float\", \"low\": 0, \"hihg\": 1}]}"));
  }

  @Test
  void anUnknownTopLevelKeyFails() {
    assertEquals("search space JSON is not valid: the space has unknown key 'dimension' (did"
        + " you mean 'dimensions'?); its keys are [dimensions, fixed]; write it as"
        + " SearchSpace.toJson() does.", message("{\"dimension\": []}"));
  }

  @Test
  void aBoundThatIsNotANumberFailsInsteadOfReadingAsZero() {
    assertEquals("search space JSON is not valid: dimension 'x' needs a number 'low' but has"
        + " \"abc\"; write it as SearchSpace.toJson() does.", message("{\"dimensions\":"
        + " [{\"name\": \"x\", \"type\": \"float\", \"low\": \"abc\", \"high\": 1}]}"));
  }

  @Test
  void aParamWrittenAsStageDotNameBindsAsTheObjectForm() {
    LogisticRegression lr = new LogisticRegression("lr");
    SearchSpace shortForm = SearchSpace.fromJson("{\"dimensions\": [{\"name\": \"regParam\","
        + " \"param\": \"lr.regParam\", \"type\": \"float\", \"low\": 0.001, \"high\": 1,"
        + " \"log\": true}]}");
    assertEquals(new SearchSpace().logUniform(lr.regParam(), 0.001, 1), shortForm);
    assertEquals(shortForm, SearchSpace.fromJson(shortForm.toJson()));
  }
}
