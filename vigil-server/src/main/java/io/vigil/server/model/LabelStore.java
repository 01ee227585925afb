package io.vigil.server.model;

import java.util.List;

/** Users' feedback labels on series. */
public interface LabelStore {
  /** Stores every label, all or none; returns them with their ids. */
  List<FeedbackLabel> addLabels(List<FeedbackLabel> labels);

  /** A series' labels, oldest stretch first. */
  List<FeedbackLabel> labels(long seriesId);

  /** Every series' labels given from {@code fromMs} to {@code untilMs}, oldest first. */
  List<FeedbackLabel> labelsGiven(long fromMs, long untilMs);
}
