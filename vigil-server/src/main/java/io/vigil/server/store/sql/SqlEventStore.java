package io.vigil.server.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.behaviour.EventReader.Event;
import io.vigil.server.store.EventStore;
import io.vigil.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;

/** Events in the same SQLite file as the points, under the same lock. */
final class SqlEventStore implements EventStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> FIELDS =
      new TypeReference<>() {};

  private final SqlStore base;

  SqlEventStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public void appendEvents(List<Event> events) {
    base.inTransaction("store " + events.size() + " events", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO events (time_ms, fields_json) VALUES (?, ?)")) {
        for (Event e : events) {
          p.setLong(1, e.timeMs());
          p.setString(2, JSON.writeValueAsString(e.fields()));
          p.addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<Event> events(long fromMs, long toMs, int limit) {
    return base.reading("read events", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT time_ms,"
          + " fields_json FROM events WHERE time_ms >= ? AND time_ms <= ? ORDER BY time_ms, id"
          + " LIMIT ?")) {
        p.setLong(1, fromMs);
        p.setLong(2, toMs);
        p.setInt(3, limit);
        List<Event> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new Event(r.getLong(1), JSON.readValue(r.getString(2), FIELDS)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public OptionalLong newestEventTime() {
    return base.reading("read events", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT MAX(time_ms) FROM events"); ResultSet r = p.executeQuery()) {
        long t = r.next() ? r.getLong(1) : 0;
        return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(t);
      }
    });
  }

  @Override
  public int deleteEvents(String field, String value) {
    return base.inTransaction("delete events", c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE id IN ("
          + base.dialect().eventsWithField() + ")")) {
        p.setString(1, field);
        p.setString(2, value);
        int n = p.executeUpdate();
        return n;
      }
    });
  }
}
