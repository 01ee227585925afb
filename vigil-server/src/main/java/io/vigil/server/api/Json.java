package io.vigil.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detect.Assessment;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.engine.StoredPoint;
import java.util.List;

/** How the API writes its objects; NaN (not known yet) is written as null. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static void number(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  static ObjectNode key(SeriesKey key, ObjectNode o) {
    o.put("series", key.name());
    ObjectNode labels = o.putObject("labels");
    key.labels().forEach(labels::put);
    return o;
  }

  static ObjectNode series(SeriesView v) {
    return MAPPER.valueToTree(SeriesBody.of(v));
  }

  static ObjectNode point(StoredPoint p) {
    return MAPPER.valueToTree(PointBody.of(p));
  }

  static ObjectNode assessment(Assessment a, ObjectNode o) {
    o.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
    number(o, "score", a.score());
    o.put("probability", a.probability());
    number(o, "expected", a.expected());
    number(o, "lower", a.lower());
    number(o, "upper", a.upper());
    o.put("direction", a.direction().name().toLowerCase(java.util.Locale.ROOT));
    return o;
  }

  static ArrayNode array(List<ObjectNode> items) {
    ArrayNode a = MAPPER.createArrayNode();
    items.forEach(a::add);
    return a;
  }
}
