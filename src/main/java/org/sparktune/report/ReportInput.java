package org.sparktune.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparktune.search.Samplers;
import org.sparktune.space.SearchSpace;
import org.sparktune.study.Direction;
import org.sparktune.study.Study;
import org.sparktune.study.Trial;

/**
 * What a study report shows: the study's trials and what is known of how they ran. A fitted
 * model ({@code TunedModel.reportHtml()}), a {@link Study} ({@link #fromStudy}) or a Delta
 * study log ({@link StudyReport#fromStudyLog}) fills it.
 *
 * @param studyName the study's name
 * @param metricName the metric the trials were scored on, e.g. areaUnderROC
 * @param direction whether a smaller or a larger metric is better
 * @param space the search space the trials were drawn from (its log scales set the plots' axes)
 * @param trials every trial, by number
 * @param bestTrial the number of the best trial, or -1 when no trial completed
 * @param provenance how the study ran (sampler, scheduler, seeds, versions), as recorded
 * @param stopReason why the study stopped asking trials, as recorded
 * @param source where the report's data came from, e.g. a study log's path
 */
public record ReportInput(String studyName, String metricName, Direction direction,
    SearchSpace space, List<Trial> trials, int bestTrial, Map<String, String> provenance,
    String stopReason, String source) {

  /** The text shown for what its source did not record. */
  public static final String NOT_RECORDED = "not recorded";

  /** Checks the parts and copies the collections so the record stays immutable. */
  public ReportInput {
    Objects.requireNonNull(studyName, "studyName");
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(space, "space");
    trials = List.copyOf(trials);
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    stopReason = stopReason == null ? NOT_RECORDED : stopReason;
    source = source == null ? "" : source;
    if (bestTrial < -1 || bestTrial >= trials.size()) {
      throw new IllegalArgumentException("bestTrial is " + bestTrial + " but the study has "
          + trials.size() + " trials; give a trial's number, or -1 when none completed.");
    }
  }

  /**
   * The trials of {@code study} as it stands now, scored on {@code metricName}; its sampler
   * is the provenance, and no stop reason is known.
   */
  public static ReportInput fromStudy(Study study, String metricName) {
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("study", study.name());
    provenance.put("sampler", Samplers.toJson(study.sampler()));
    provenance.put("studySeed", Long.toString(study.seed()));
    return new ReportInput(study.name(), metricName, study.direction(), study.space(),
        study.trials(), study.bestTrial().map(Trial::number).orElse(-1), provenance,
        NOT_RECORDED, "study '" + study.name() + "' (run " + study.run() + ")");
  }

  /** The best trial, or null when none completed. */
  Trial best() {
    return bestTrial < 0 ? null : trials.get(bestTrial);
  }
}
