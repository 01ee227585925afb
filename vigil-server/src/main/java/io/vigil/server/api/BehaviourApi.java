package io.vigil.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.behaviour.BehaviourAnalysis;
import io.vigil.behaviour.BehaviourOptions;
import io.vigil.behaviour.EventLog;
import io.vigil.behaviour.EventReader;
import io.vigil.behaviour.EventReader.Event;
import io.vigil.behaviour.IdentifierHasher;
import io.vigil.series.DataFormatException;
import io.vigil.series.Timestamps;
import io.vigil.server.config.EventPrivacy;
import io.vigil.server.store.EventStore;
import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

/**
 * Behavioural analysis on ingested events: {@code POST /api/v1/events} stores events (JSON
 * lines, a JSON array of objects, or CSV with a header), {@code GET /api/v1/behaviour} ranks
 * the entities whose recent events break their habits or stand out from their peers, as
 * {@code vigil behaviour} does for a file.
 *
 * <p>A request's events are checked whole before any is stored: one bad event refuses the
 * request with every problem named by event number and field, and nothing of it is kept.
 * Fields the configuration names are replaced by pseudonyms before they are stored.
 */
public final class BehaviourApi {
  /** At most this many events are analysed at once; a wider window is refused. */
  static final int MAX_ANALYSED_EVENTS = 2_000_000;

  private final EventStore events;
  private final EventPrivacy privacy;
  private final IdentifierHasher hasher;
  private final int maxEventsPerRequest;

  public BehaviourApi(EventStore events, EventPrivacy privacy, int maxEventsPerRequest) {
    this.events = events;
    this.privacy = privacy;
    this.hasher = privacy.hasher();
    this.maxEventsPerRequest = maxEventsPerRequest;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.post("/api/v1/events", this::ingest);
    c.routes.get("/api/v1/behaviour", this::behaviour);
    c.routes.delete("/api/v1/events", this::forget);
  }

  private void ingest(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    boolean csv = type.startsWith("text/csv");
    if (!csv && !type.startsWith("application/json") && !type.startsWith("application/x-ndjson")
        && !type.startsWith("application/jsonl")) {
      throw new ApiException(415, "Content-Type must be application/x-ndjson (JSON lines),"
          + " application/json (JSON lines or an array of objects) or text/csv, was '" + type
          + "'");
    }
    String body = ctx.body();
    boolean array = !csv && body.stripLeading().startsWith("[");
    List<Event> parsed;
    try {
      parsed = EventReader.parse(new StringReader(array ? arrayAsLines(body) : body), "body",
          !csv, privacy.hashedFields(), hasher);
    } catch (DataFormatException e) {
      throw new ApiException(400, e.getMessage()
          + (array ? " (line n is the array's n-th event)" : ""));
    } catch (IOException e) {
      throw new ApiException(400, "the body could not be read: " + e.getMessage());
    }
    if (parsed.size() > maxEventsPerRequest) {
      throw new ApiException(413, parsed.size() + " events in one request; at most "
          + maxEventsPerRequest);
    }
    events.appendEvents(parsed);
    HttpApi.json(ctx, 200, Json.object().put("accepted", parsed.size()));
  }

  /**
   * Deletes one entity's events ({@code ?entity=user&value=alice}): a request to be forgotten.
   * The value is hashed first when the field is one the configuration hashes, so the caller
   * names the person, not the pseudonym. Admin only; audited.
   */
  private void forget(Context ctx) {
    String field = ctx.queryParam("entity");
    String value = ctx.queryParam("value");
    if (field == null || field.isBlank() || value == null) {
      throw new ApiException(400, "give the entity field and its value: ?entity=user&value=...");
    }
    boolean hashed = privacy.hashedFields().stream().anyMatch(h -> h.equalsIgnoreCase(field));
    int deleted = events.deleteEvents(field, hashed ? hasher.hash(value) : value);
    HttpApi.json(ctx, 200, Json.object().put("deleted", deleted));
  }

  /** A JSON array of objects as JSON lines, one element a line. */
  private static String arrayAsLines(String body) {
    JsonNode array;
    try {
      array = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "body: not JSON: " + e.getOriginalMessage());
    }
    if (!array.isArray()) {
      throw new ApiException(400, "body: expected an array of event objects");
    }
    StringBuilder lines = new StringBuilder();
    for (JsonNode e : array) {
      lines.append(e.toString()).append('\n');
    }
    return lines.toString();
  }

  private void behaviour(Context ctx) {
    String entity = ctx.queryParam("entity");
    if (entity == null || entity.isBlank()) {
      throw new ApiException(400, "entity: required, the field naming the entity (user, host,"
          + " ...)");
    }
    Duration recent = RequestParams.duration(ctx, "recent", Duration.ofHours(24));
    Duration baseline = RequestParams.duration(ctx, "baseline", Duration.ofDays(30));
    int top = top(ctx);
    ZoneId zone;
    try {
      zone = ZoneId.of(ctx.queryParamAsClass("zone", String.class).getOrDefault("UTC"));
    } catch (DateTimeException e) {
      throw new ApiException(400, "zone: " + e.getMessage());
    }
    OptionalLong newest = events.newestEventTime();
    if (newest.isEmpty()) {
      throw new ApiException(404, "no events stored yet: POST them to /api/v1/events");
    }
    long until = RequestParams.time(ctx, "until", newest.getAsLong());
    long from = until - recent.toMillis() - baseline.toMillis();
    List<Event> window = events.events(from, until, MAX_ANALYSED_EVENTS + 1);
    if (window.size() > MAX_ANALYSED_EVENTS) {
      throw new ApiException(400, "more than " + MAX_ANALYSED_EVENTS + " events from "
          + Timestamps.format(from) + " to " + Timestamps.format(until)
          + ": give a shorter baseline");
    }
    if (window.isEmpty()) {
      throw new ApiException(404, "no events in the window ending at 'until'");
    }
    EventLog log;
    BehaviourAnalysis.Report report;
    try {
      log = EventReader.log("stored events", window);
      report = BehaviourAnalysis.analyse(log, BehaviourOptions.of(entity)
          .withPeerField(ctx.queryParam("peers")).withRecent(recent).withZone(zone));
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    ObjectNode out = Json.MAPPER.valueToTree(report.summary(log.size(), top));
    HttpApi.json(ctx, 200, out);
  }

  private static int top(Context ctx) {
    String t = ctx.queryParam("top");
    if (t == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(t);
      if (n >= 1 && n <= 10_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(400, "top must be an integer from 1 to 10000, was '" + t + "'");
  }
}
