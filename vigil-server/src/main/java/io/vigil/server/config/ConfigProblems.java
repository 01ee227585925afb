package io.vigil.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Every problem of a configuration file, gathered rather than stopping at the first, in
 * Vigil's words: {@code vigil.yaml:3: alerts[0].resolve_after: unknown key; did you mean
 * resolveAfter?}. As a Jackson problem handler it turns what binding would throw at (an
 * unknown key, a value of the wrong kind) into a line here and goes on; the checks after
 * binding add theirs with {@link #add}.
 *
 * <p>The edit distance for "did you mean" is the textbook one, written here rather than
 * taking commons-text for fifteen lines.
 */
final class ConfigProblems extends DeserializationProblemHandler {
  private final String file;
  private final List<String> lines = new ArrayList<>();

  ConfigProblems(String file) {
    this.file = file;
  }

  /** A problem found after binding, at a place such as {@code alerts[0].for}. */
  void add(String problem) {
    lines.add(file + ": " + problem);
  }

  /** Throws every problem, one a line, if there is any. */
  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new IllegalArgumentException(lines.size() == 1 ? lines.get(0)
          : file + ": " + lines.size() + " problems:\n" + String.join("\n", lines));
    }
  }

  private void at(JsonParser p, String path, String problem) {
    int line = p.currentTokenLocation() == null ? 0 : p.currentTokenLocation().getLineNr();
    lines.add(file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }

  @Override
  public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
      JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName)
      throws IOException {
    Collection<Object> known = deserializer.getKnownPropertyNames();
    List<String> names = new ArrayList<>();
    known.forEach(k -> names.add(String.valueOf(k)));
    names.sort(null);
    String near = nearest(propertyName, names);
    at(p, path(p.getParsingContext()), "unknown key" + (near != null ? "; did you mean "
        + near + "?" : "") + " (keys here: " + String.join(", ", names) + ")");
    p.skipChildren();
    return true;
  }

  @Override
  public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType,
      String valueToConvert, String failureMsg) throws IOException {
    JsonParser p = ctxt.getParser();
    at(p, path(p.getParsingContext()), "'" + valueToConvert + "' is not " + kind(targetType));
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType,
      Number valueToConvert, String failureMsg) throws IOException {
    JsonParser p = ctxt.getParser();
    at(p, path(p.getParsingContext()), valueToConvert + " is not " + kind(targetType));
    return null;
  }

  @Override
  public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType,
      JsonToken t, JsonParser p, String failureMsg) throws IOException {
    at(p, path(p.getParsingContext()), "expected " + kind(targetType.getRawClass())
        + ", found " + found(t));
    p.skipChildren();
    return null;
  }

  @Override
  public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
      com.fasterxml.jackson.databind.deser.ValueInstantiator valueInsta, JsonParser p,
      String msg) throws IOException {
    at(p, path(p.getParsingContext()), "expected " + kind(instClass) + ", found "
        + found(p.currentToken()));
    p.skipChildren();
    return null;
  }

  /** {@code alerts[0].match.series} for where the parser is. */
  static String path(JsonStreamContext c) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext x = c; x != null && !x.inRoot(); x = x.getParent()) {
      if (x.inArray()) {
        parts.add(0, "[" + Math.max(0, x.getCurrentIndex()) + "]");
      } else if (x.getCurrentName() != null) {
        parts.add(0, "." + x.getCurrentName());
      }
    }
    String s = String.join("", parts);
    return s.startsWith(".") ? s.substring(1) : s;
  }

  private static String kind(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a section of keys";
  }

  private static String found(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a section of keys";
      case VALUE_STRING -> "a text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "nothing";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The known name {@code typed} most likely meant: the same but for case and underscores or
   * hyphens ({@code resolve_after}: resolveAfter), else within two edits; null when none is.
   */
  static String nearest(String typed, List<String> known) {
    String plain = plain(typed);
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      if (plain(k).equals(plain)) {
        return k;
      }
      int d = distance(plain, plain(k));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  private static String plain(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
