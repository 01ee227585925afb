package io.vigil.eval.nab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.DataFormatException;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import io.vigil.series.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A corpus in NAB's layout: {@code data/<category>/*.csv} (columns {@code timestamp,value};
 * a file may be gzipped as {@code *.csv.gz} and is still named {@code <category>/*.csv})
 * and {@code labels/combined_windows.json} mapping each {@code <category>/<name>.csv} to its
 * {@code [start, end]} windows. Nothing here assumes NAB's own files or counts.
 *
 * @param root the corpus folder
 * @param files every data file, sorted by key
 */
public record NabCorpus(Path root, List<NabFile> files) {

  /** The labels file, relative to the corpus root. */
  public static final String WINDOWS = "labels/combined_windows.json";
  /**
   * The labelled rows themselves, relative to the corpus root, when the corpus has per-point
   * labels: {@code {"<category>/<file>.csv": [[first, last], ...]}} (0-based data rows, both
   * inclusive). Without it, the windows stand for the labelled rows.
   */
  public static final String LABELLED_ROWS = "labels/labelled_rows.json";

  public NabCorpus {
    files = List.copyOf(files);
  }

  /** The total number of labelled windows. */
  public int windowCount() {
    return files.stream().mapToInt(f -> f.windows().size()).sum();
  }

  /** The total number of rows. */
  public long rowCount() {
    return files.stream().mapToLong(f -> f.series().size()).sum();
  }

  /**
   * Reads the corpus at {@code root}.
   *
   * @throws DataFormatException naming the file when a data file is malformed, a data file has
   *     no entry in the labels, or a window's end points match no row
   */
  public static NabCorpus load(Path root) {
    Path labelsFile = root.resolve(WINDOWS);
    Path dataDir = root.resolve("data");
    if (!Files.isDirectory(dataDir) || !Files.isRegularFile(labelsFile)) {
      throw new DataFormatException(root.toString(), 0, null, "not a NAB-layout corpus: it"
          + " needs data/<category>/*.csv and " + WINDOWS);
    }
    Map<String, List<List<String>>> labels;
    try {
      labels = new ObjectMapper().readValue(labelsFile.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new DataFormatException(labelsFile.toString(), 0, null,
          "not a windows file ({\"<category>/<file>.csv\": [[start, end], ...]}): "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, Path> data = new TreeMap<>();
    try (Stream<Path> categories = Files.list(dataDir)) {
      for (Path category : categories.filter(Files::isDirectory).toList()) {
        try (Stream<Path> csvs = Files.list(category)) {
          for (Path p : csvs.toList()) {
            String name = p.getFileName().toString();
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
              String key = category.getFileName() + "/" + name.replaceFirst("\\.gz$", "");
              if (data.put(key, p) != null) {
                throw new DataFormatException(p.toString(), 0, null,
                    "both " + key + " and " + key + ".gz exist: keep one");
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dataDir + ": cannot list: " + e.getMessage(), e);
    }
    if (data.isEmpty()) {
      throw new DataFormatException(dataDir.toString(), 0, null, "no data/<category>/*.csv");
    }
    for (String key : labels.keySet()) {
      if (!data.containsKey(key)) {
        throw new DataFormatException(labelsFile.toString(), 0, null,
            "labels name '" + key + "' but data/" + key + " does not exist");
      }
    }
    Path rowsFile = root.resolve(LABELLED_ROWS);
    Map<String, List<List<Integer>>> rows = null;
    if (Files.isRegularFile(rowsFile)) {
      try {
        rows = new ObjectMapper().readValue(rowsFile.toFile(), new TypeReference<>() {});
      } catch (IOException e) {
        throw new DataFormatException(rowsFile.toString(), 0, null,
            "not a labelled-rows file ({\"<category>/<file>.csv\": [[first, last], ...]}): "
                + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    Map<String, List<List<Integer>>> labelledRows = rows;
    List<NabFile> files = data.entrySet().parallelStream().map(e -> {
      List<List<String>> raw = labels.get(e.getKey());
      if (raw == null) {
        throw new DataFormatException(labelsFile.toString(), 0, null,
            "no entry for data/" + e.getKey() + " (give it [] if it has no anomalies)");
      }
      TimeSeries series = readSeries(e.getValue());
      List<NabFile.Window> windows = windows(series, raw, labelsFile, e.getKey());
      List<NabFile.Window> labelled = labelledRows == null ? windows
          : labelledRows(series, labelledRows.get(e.getKey()), rowsFile, e.getKey());
      return new NabFile(e.getKey(), series, windows, labelled);
    }).toList();
    return new NabCorpus(root, files);
  }

  private static TimeSeries readSeries(Path file) {
    if (!file.getFileName().toString().endsWith(".gz")) {
      return TimeSeriesCsvReader.read(file);
    }
    try (var in = new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
        Files.newInputStream(file)), java.nio.charset.StandardCharsets.UTF_8)) {
      return TimeSeriesCsvReader.read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static List<NabFile.Window> labelledRows(
      TimeSeries series, List<List<Integer>> raw, Path rowsFile, String key) {
    if (raw == null) {
      throw new DataFormatException(rowsFile.toString(), 0, null,
          "no entry for data/" + key + " (give it [] if it has no labelled rows)");
    }
    List<NabFile.Window> out = new ArrayList<>();
    for (List<Integer> r : raw) {
      if (r.size() != 2 || r.get(0) == null || r.get(1) == null || r.get(0) < 0
          || r.get(1) < r.get(0) || r.get(1) >= series.size()) {
        throw new DataFormatException(rowsFile.toString(), 0, null, key + ": " + r
            + " is not [first, last] rows of its " + series.size() + " rows");
      }
      out.add(new NabFile.Window(r.get(0), r.get(1)));
    }
    return out;
  }

  private static List<NabFile.Window> windows(
      TimeSeries series, List<List<String>> raw, Path labelsFile, String key) {
    List<NabFile.Window> out = new ArrayList<>();
    for (List<String> w : raw) {
      if (w.size() != 2) {
        throw new DataFormatException(labelsFile.toString(), 0, null,
            key + ": a window is [start, end], found " + w);
      }
      int start = firstRowAt(series, w.get(0), labelsFile, key);
      int end = firstRowAt(series, w.get(1), labelsFile, key);
      if (end < start) {
        throw new DataFormatException(labelsFile.toString(), 0, null,
            key + ": window " + w + " ends before it starts");
      }
      out.add(new NabFile.Window(start, end));
    }
    out.sort(java.util.Comparator.comparingInt(NabFile.Window::start));
    return out;
  }

  private static int firstRowAt(TimeSeries series, String text, Path labelsFile, String key) {
    long t;
    try {
      t = Timestamps.parseMillis(text);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(labelsFile.toString(), 0, null, key + ": " + e.getMessage());
    }
    long[] ts = series.timestampsMs();
    for (int i = 0; i < ts.length; i++) {
      if (ts[i] == t) {
        return i;
      }
    }
    throw new DataFormatException(labelsFile.toString(), 0, null,
        key + ": window end '" + text + "' is not the timestamp of any row");
  }
}
