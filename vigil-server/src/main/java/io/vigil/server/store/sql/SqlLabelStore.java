package io.vigil.server.store.sql;

import io.vigil.server.model.FeedbackLabel;
import io.vigil.server.model.LabelStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Feedback labels in the same SQLite file as the points, under the same lock. */
final class SqlLabelStore implements LabelStore {
  private final SqlStore base;

  SqlLabelStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public List<FeedbackLabel> addLabels(List<FeedbackLabel> labels) {
    return base.inTransaction("store " + labels.size() + " labels", c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO labels (series_id, from_ms,"
          + " to_ms, anomalous, verdict, alert_id, note, created_by, created_ms) VALUES (?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
        List<FeedbackLabel> out = new ArrayList<>();
        for (FeedbackLabel l : labels) {
          p.setLong(1, l.seriesId());
          p.setLong(2, l.fromMs());
          p.setLong(3, l.toMs());
          p.setInt(4, l.anomalous() ? 1 : 0);
          p.setString(5, l.verdict());
          if (l.alertId() > 0) {
            p.setLong(6, l.alertId());
          } else {
            p.setNull(6, java.sql.Types.INTEGER);
          }
          p.setString(7, l.note());
          p.setString(8, l.createdBy());
          p.setLong(9, l.createdMs());
          p.executeUpdate();
          try (ResultSet keys = p.getGeneratedKeys()) {
            keys.next();
            out.add(new FeedbackLabel(keys.getLong(1), l.seriesId(), l.fromMs(), l.toMs(),
                l.anomalous(), l.verdict(), l.alertId(), l.note(), l.createdBy(),
                l.createdMs()));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<FeedbackLabel> labels(long seriesId) {
    return query("WHERE series_id = ? ORDER BY from_ms, id", "the labels of series "
        + seriesId, seriesId);
  }

  @Override
  public List<FeedbackLabel> labelsGiven(long fromMs, long untilMs) {
    return query("WHERE created_ms >= ? AND created_ms <= ? ORDER BY created_ms, id",
        "the labels given", fromMs, untilMs);
  }

  private List<FeedbackLabel> query(String where, String what, long... args) {
    return base.reading("read " + what, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT id, series_id, from_ms, to_ms,"
          + " anomalous, verdict, alert_id, note, created_by, created_ms FROM labels "
          + where)) {
        for (int i = 0; i < args.length; i++) {
          p.setLong(i + 1, args[i]);
        }
        List<FeedbackLabel> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(label(r));
          }
        }
        return out;
      }
    });
  }

  /** A row of the SELECT {@link #query} makes. */
  private static FeedbackLabel label(ResultSet r) throws SQLException {
    return new FeedbackLabel(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
        r.getInt(5) == 1, r.getString(6), r.getLong(7), r.getString(8), r.getString(9),
        r.getLong(10));
  }
}
