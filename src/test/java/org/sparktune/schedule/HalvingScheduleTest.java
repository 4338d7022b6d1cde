package org.sparktune.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The successive-halving schedule against scikit-learn's, case by case: the same candidates and
 * the same resources at every rung.
 */
class HalvingScheduleTest {

  /** The fixture's data: 3000 rows, 5 stratified folds, 2 classes. */
  private static final long SAMPLES = 3000;
  private static final long SMALLEST = 5 * 2 * 2;

  @Test
  void everyScheduleEqualsScikitLearns() throws IOException {
    JsonNode cases;
    try (InputStream in = getClass()
        .getResourceAsStream("/fixtures/sklearn_halving_schedule.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
    int checked = 0;
    for (Map.Entry<String, JsonNode> c : cases.properties()) {
      JsonNode p = c.getValue().get("params");
      double factor = p.get("factor").asDouble();
      boolean aggressive = p.path("aggressive_elimination").asBoolean(false);
      double max = p.has("max_resources") ? p.get("max_resources").asDouble() : SAMPLES;
      JsonNode minNode = p.get("min_resources");
      boolean grid = c.getValue().hasNonNull("grid_size");
      // Defaults: HalvingGridSearchCV 'exhaust', HalvingRandomSearchCV 'smallest'.
      boolean exhaustMin = minNode == null ? grid : "exhaust".equals(minNode.asText());
      double min = minNode == null || !minNode.isNumber() ? SMALLEST : minNode.asDouble();
      long n;
      if (grid) {
        n = c.getValue().get("grid_size").asLong();
      } else if ("exhaust".equals(p.get("n_candidates").asText())) {
        n = (long) Math.floor(max / min);
      } else {
        n = p.get("n_candidates").asLong();
      }
      if (exhaustMin) {
        min = HalvingSchedule.exhaustMin(n, min, max, factor, true);
      }
      HalvingSchedule s = HalvingSchedule.of(n, min, max, factor, aggressive, true);
      assertEquals(longs(c.getValue().get("n_candidates_")), s.candidates(), c.getKey());
      assertEquals(doubles(c.getValue().get("n_resources_")), s.resources(), c.getKey());
      checked++;
    }
    assertEquals(16, checked);
  }

  @Test
  void twentySevenCandidatesAtOneTwentySeventhRunFourRungs() {
    SuccessiveHalving sh = new SuccessiveHalving().setMinFraction(1.0 / 27);
    assertEquals(List.of(27L, 9L, 3L, 1L), sh.candidates(27));
    List<Budget> budgets = sh.budgets(27);
    double[] expected = {1.0 / 27, 1.0 / 9, 1.0 / 3, 1.0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(i, budgets.get(i).rung());
      assertEquals(expected[i], budgets.get(i).fraction(), 1e-12);
    }
  }

  @Test
  void withoutAMinimumFractionTheCandidatesReachAllTheData() {
    SuccessiveHalving sh = new SuccessiveHalving();
    List<Budget> budgets = sh.budgets(81);
    assertEquals(5, budgets.size());
    assertEquals(1.0 / 81, budgets.get(0).fraction(), 1e-12);
    assertEquals(1.0, budgets.get(4).fraction(), 1e-12);
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asLong()));
    return out;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }
}
