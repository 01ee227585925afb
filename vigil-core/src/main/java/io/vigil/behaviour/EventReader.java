package io.vigil.behaviour;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.CsvProblems;
import io.vigil.series.DataFormatException;
import io.vigil.series.NumericCell;
import io.vigil.series.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads events from CSV (a header naming the fields, one of them {@code timestamp}) or JSON
 * lines (one flat object per line; {@code .jsonl} or {@code .ndjson}).
 *
 * <p>A field is numeric when every value it has is a number and it takes more than {@value
 * #MIN_NUMERIC_DISTINCT} distinct values; otherwise it is text, so codes such as an HTTP
 * status or a port are treated as categories. An empty cell or a JSON null is a missing value.
 * Timestamps are RFC 3339, {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch seconds or milliseconds.
 * Events are put in time order. Every problem is found before failing; the error names the
 * first by file, line and field, and counts the rest.
 *
 * <p>Fields named in {@code hashed} are replaced by their pseudonyms as they are read, so the
 * identities never reach the analysis or its output.
 */
public final class EventReader {
  /** The required time field. */
  public static final String TIME_FIELD = "timestamp";
  static final int MIN_NUMERIC_DISTINCT = 20;
  /**
   * The most distinct fields events may have, read or analysed together: analysis keeps
   * habits per entity and field, so its memory grows with their product, and real event
   * sources (logins, requests, jobs) have a dozen or so.
   */
  public static final int MAX_FIELDS = 64;
  private static final CSVFormat CSV =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventReader() {}

  /**
   * One event as read, before fields are typed: its time and its fields' text (a missing
   * value is absent), identifiers already hashed where asked.
   */
  public record Event(long timeMs, Map<String, String> fields) {
    public Event {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // keeps field order
    }
  }

  /**
   * Reads {@code file}, hashing the values of the {@code hashed} fields with {@code hasher}.
   *
   * @throws DataFormatException naming file, line and field for a bad timestamp, a nested or
   *     malformed JSON value, a row of the wrong width, or a missing {@code timestamp} field
   */
  public static EventLog read(Path file, Set<String> hashed, IdentifierHasher hasher) {
    String source = file.toString();
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      boolean jsonLines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
      return read(in, source, jsonLines, hashed, hasher);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(source, 0, null, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads events from {@code in}: JSON lines when {@code jsonLines}, else CSV. */
  public static EventLog read(Reader in, String source, boolean jsonLines, Set<String> hashed,
      IdentifierHasher hasher) throws IOException {
    return log(source, parse(in, source, jsonLines, hashed, hasher));
  }

  /**
   * Reads events from {@code in} as they were written, in time order, the {@code hashed}
   * fields replaced by their pseudonyms: what a store keeps before {@link #log} types them.
   *
   * @throws DataFormatException as {@link #read(Path, Set, IdentifierHasher)}
   */
  public static List<Event> parse(Reader in, String source, boolean jsonLines,
      Set<String> hashed, IdentifierHasher hasher) throws IOException {
    if (!hashed.isEmpty() && hasher == null) {
      throw new IllegalArgumentException("fields to hash were named but no hashing key given");
    }
    CsvProblems problems = new CsvProblems(source);
    List<String> fields = new ArrayList<>();
    List<Event> raw = jsonLines
        ? readJsonLines(new BufferedReader(in), problems, fields)
        : readCsv(in, source, problems, fields);
    problems.throwIfAny();
    if (raw.isEmpty()) {
      throw new DataFormatException(source, 0, null, "no events");
    }
    // Names are matched whatever their case: "User" and "USER" are the user field too, and
    // must not reach the store in clear because a sender wrote them another way.
    Set<String> hashedNames = new java.util.HashSet<>();
    for (String h : hashed) {
      hashedNames.add(h.toLowerCase(java.util.Locale.ROOT));
      if (fields.stream().noneMatch(f -> f.equalsIgnoreCase(h))) {
        throw new DataFormatException(source, 0, h, "cannot hash a field the events do not"
            + " have; fields: " + String.join(", ", fields));
      }
    }
    List<Event> out = new ArrayList<>(raw.size());
    if (hashed.isEmpty()) {
      out.addAll(raw);
    } else {
      Map<String, String> pseudonyms = new HashMap<>();
      for (Event e : raw) {
        Map<String, String> values = new LinkedHashMap<>(e.fields);
        for (Map.Entry<String, String> field : values.entrySet()) {
          if (hashedNames.contains(field.getKey().toLowerCase(java.util.Locale.ROOT))) {
            field.setValue(pseudonyms.computeIfAbsent(field.getValue(), hasher::hash));
          }
        }
        out.add(new Event(e.timeMs, values));
      }
    }
    out.sort((a, b) -> Long.compare(a.timeMs, b.timeMs));
    return out;
  }

  /**
   * Types {@code events} (in time order) into a log: a field is numeric when every value it
   * has is a number and it has enough distinct values, else text.
   *
   * @param source names the events in messages
   */
  public static EventLog log(String source, List<Event> events) {
    Set<String> fields = new LinkedHashSet<>();
    for (Event e : events) {
      fields.addAll(e.fields.keySet());
      if (fields.size() > MAX_FIELDS) {
        throw new DataFormatException(source, 0, null, "the events have more than "
            + MAX_FIELDS + " distinct fields: at most " + MAX_FIELDS + " are analysed"
            + " together");
      }
    }
    return columns(source, List.copyOf(fields), events);
  }

  private static List<Event> readCsv(Reader in, String source, CsvProblems problems,
      List<String> fields) throws IOException {
    List<Event> raw = new ArrayList<>();
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(CSV).get()) {
      Iterator<CSVRecord> records = new io.vigil.series.CsvRecords(parser, source);
      if (!records.hasNext()) {
        throw new DataFormatException(source, 0, null, "the file is empty: expected a header");
      }
      List<String> header = records.next().toList();
      Set<String> seen = new HashSet<>();
      for (String h : header) {
        if (h.isEmpty() || !seen.add(h)) {
          throw new DataFormatException(source, 1, h, h.isEmpty()
              ? "a column of the header has no name" : "the column name appears twice");
        }
      }
      if (!header.contains(TIME_FIELD)) {
        throw new DataFormatException(source, 1, null, "no '" + TIME_FIELD + "' column;"
            + " columns: " + String.join(", ", header));
      }
      if (header.size() - 1 > MAX_FIELDS) {
        throw new DataFormatException(source, 1, null, (header.size() - 1) + " fields besides"
            + " the time: at most " + MAX_FIELDS);
      }
      header.stream().filter(h -> !h.equals(TIME_FIELD)).forEach(fields::add);
      while (records.hasNext()) {
        CSVRecord record = records.next();
        long line = parser.getCurrentLineNumber();
        if (record.size() != header.size()) {
          problems.add(line, null, "expected " + header.size() + " values but found "
              + record.size());
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        String time = null;
        for (int c = 0; c < header.size(); c++) {
          if (header.get(c).equals(TIME_FIELD)) {
            time = record.get(c);
          } else if (!record.get(c).isEmpty()) {
            values.put(header.get(c), record.get(c));
          }
        }
        raw.add(new Event(parseTime(time, line, problems), values));
      }
    }
    return raw;
  }

  private static List<Event> readJsonLines(BufferedReader in, CsvProblems problems,
      List<String> fields) throws IOException {
    List<Event> raw = new ArrayList<>();
    Set<String> known = new HashSet<>();
    String text;
    long line = 0;
    while ((text = in.readLine()) != null) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        problems.add(line, null, "not JSON: " + e.getOriginalMessage());
        continue;
      }
      if (node == null || !node.isObject()) {
        problems.add(line, null, "expected one JSON object per line");
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      String time = null;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode v = e.getValue();
        if (v.isContainerNode()) {
          problems.add(line, e.getKey(), "nested objects and arrays are not event fields");
          continue;
        }
        if (v.isNull()) {
          continue;
        }
        if (e.getKey().equals(TIME_FIELD)) {
          time = v.asText();
          continue;
        }
        if (!known.contains(e.getKey()) && known.size() == MAX_FIELDS) {
          problems.add(line, e.getKey(), "a field beyond the " + MAX_FIELDS + " distinct"
              + " fields events may have");
          break;
        }
        values.put(e.getKey(), v.asText());
        if (known.add(e.getKey())) {
          fields.add(e.getKey());
        }
      }
      raw.add(new Event(parseTime(time, line, problems), values));
    }
    return raw;
  }

  private static long parseTime(String text, long line, CsvProblems problems) {
    if (text == null || text.isEmpty()) {
      problems.add(line, TIME_FIELD, "missing: every event needs a time");
      return 0;
    }
    try {
      return Timestamps.parseMillis(text);
    } catch (IllegalArgumentException e) {
      problems.add(line, TIME_FIELD, e.getMessage());
      return 0;
    }
  }

  /** Splits fields into numeric and text columns and stores them by column. */
  private static EventLog columns(String source, List<String> fields, List<Event> raw) {
    List<String> textFields = new ArrayList<>();
    List<String> numericFields = new ArrayList<>();
    for (String f : fields) {
      if (isNumeric(f, raw)) {
        numericFields.add(f);
      } else {
        textFields.add(f);
      }
    }
    int n = raw.size();
    long[] times = new long[n];
    String[][] text = new String[n][textFields.size()];
    double[][] numbers = new double[n][numericFields.size()];
    for (int i = 0; i < n; i++) {
      Event r = raw.get(i);
      times[i] = r.timeMs;
      for (int f = 0; f < textFields.size(); f++) {
        text[i][f] = r.fields.get(textFields.get(f));
      }
      Arrays.fill(numbers[i], Double.NaN);
      for (int f = 0; f < numericFields.size(); f++) {
        String v = r.fields.get(numericFields.get(f));
        if (v != null) {
          numbers[i][f] = Double.parseDouble(v);
        }
      }
    }
    return new EventLog(source, textFields, numericFields, times, text, numbers);
  }

  private static boolean isNumeric(String field, List<Event> raw) {
    Set<String> distinct = new HashSet<>();
    for (Event r : raw) {
      String v = r.fields.get(field);
      if (v == null) {
        continue;
      }
      if (!NumericCell.isNumber(v) || !Double.isFinite(Double.parseDouble(v))) {
        return false;
      }
      if (distinct.size() <= MIN_NUMERIC_DISTINCT) {
        distinct.add(v);
      }
    }
    return distinct.size() > MIN_NUMERIC_DISTINCT;
  }
}
