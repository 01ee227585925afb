package io.vigil.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.SeriesKey;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.engine.SeriesStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The series registry in SQL: each series' key, labels, detector and id, made once. */
final class SqlSeriesStore implements SeriesStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final String COLUMNS = "id, series_key, name, labels_json, detector,"
      + " created_ms";
  private static final String INSERT = "INSERT INTO series (series_key, name, labels_json,"
      + " detector, created_ms) VALUES (?, ?, ?, ?, ?)";

  private final SqlStore base;

  SqlSeriesStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public SeriesInfo findOrCreate(SeriesKey key, String detector) {
    return base.inTransaction("register series " + key, c -> {
      Optional<SeriesInfo> found = one(c, "WHERE series_key = ?", key.toString());
      if (found.isPresent()) {
        return found.get();
      }
      return insert(c, List.of(new NewSeries(key, detector))).get(0);
    });
  }

  @Override
  public List<SeriesInfo> createAll(List<NewSeries> fresh) {
    return base.inTransaction("register " + fresh.size() + " series", c -> insert(c, fresh));
  }

  private static List<SeriesInfo> insert(Connection c, List<NewSeries> fresh)
      throws SQLException, JsonProcessingException {
    long now = System.currentTimeMillis();
    List<SeriesInfo> out = new ArrayList<>(fresh.size());
    try (PreparedStatement p = c.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
      for (NewSeries s : fresh) {
        p.setString(1, s.key().toString());
        p.setString(2, s.key().name());
        p.setString(3, JSON.writeValueAsString(s.key().labels()));
        p.setString(4, s.detector());
        p.setLong(5, now);
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          out.add(new SeriesInfo(keys.getLong(1), s.key(), s.detector(), now));
        }
      }
    }
    return out;
  }

  @Override
  public List<SeriesInfo> listSeries() {
    return listSeries(0, Integer.MAX_VALUE); // ids start at 1
  }

  @Override
  public List<SeriesInfo> listSeries(long afterId, int limit) {
    return base.reading("list series", c -> many(c, "WHERE id > ? ORDER BY id LIMIT ?",
        afterId, limit));
  }

  @Override
  public List<SeriesInfo> named(String name, int limit) {
    return base.reading("list series named " + name, c -> many(c,
        "WHERE name = ? ORDER BY id LIMIT ?", name, limit));
  }

  @Override
  public Optional<SeriesInfo> find(SeriesKey key) {
    return base.reading("read series " + key, c -> one(c, "WHERE series_key = ?",
        key.toString()));
  }

  @Override
  public Optional<SeriesInfo> series(long id) {
    return base.reading("read series " + id, c -> one(c, "WHERE id = ?", id));
  }

  @Override
  public long seriesCount() {
    return base.reading("count series", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM series");
          ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  private static List<SeriesInfo> many(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM series "
        + where)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<SeriesInfo> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(seriesOf(r));
        }
      }
      return out;
    }
  }

  private static Optional<SeriesInfo> one(Connection c, String where, Object arg)
      throws SQLException {
    return many(c, where, arg).stream().findFirst();
  }

  private static SeriesInfo seriesOf(ResultSet r) throws SQLException {
    try {
      Map<String, String> labels = JSON.readValue(r.getString("labels_json"), LABELS);
      return new SeriesInfo(r.getLong("id"), SeriesKey.of(r.getString("name"), labels),
          r.getString("detector"), r.getLong("created_ms"));
    } catch (JsonProcessingException e) {
      throw new SQLException("series " + r.getLong("id") + " has damaged labels", e);
    }
  }
}
