package io.vigil.eval.multivariate;

import io.vigil.series.CsvDatasetReader;
import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import io.vigil.series.NumericCell;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A training table of normal rows and a labelled test table with the same features, read from
 * {@code <name>_train.csv} and {@code <name>_test.csv} (either may be gzipped, {@code .csv.gz}).
 *
 * <p>Files usually have a header row; a file whose first line is all numbers has none, and its
 * columns are named {@code f1, f2, ...}, with the test file's last column the label (the
 * layout of published benchmarks shipped as bare matrices). A label column in the training
 * file is ignored: training is taken to be normal.
 *
 * @param name the pair's name, the files' common prefix
 */
public record LabelledPair(String name, Dataset train, Dataset test) {

  private static final String TRAIN = "_train.csv";
  private static final String TEST = "_test.csv";
  private static final String GZ = ".gz";

  /** {@code dir/file}, or else its gzipped form, whichever exists; null for neither. */
  private static Path existing(Path dir, String file) {
    for (Path p : List.of(dir.resolve(file), dir.resolve(file + GZ))) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Every pair in {@code dir}, by name.
   *
   * @throws DataFormatException when a file lacks its partner, a test file has no labels or no
   *     anomaly, or the two files' features differ; naming the file
   */
  public static List<LabelledPair> readAll(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir.toString(), 0, null, "no such directory");
    }
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String f = file.getFileName().toString();
        f = f.endsWith(GZ) ? f.substring(0, f.length() - GZ.length()) : f;
        if (f.endsWith(TRAIN)) {
          names.add(f.substring(0, f.length() - TRAIN.length()));
        } else if (f.endsWith(TEST)) {
          String name = f.substring(0, f.length() - TEST.length());
          if (existing(dir, name + TRAIN) == null) {
            throw new DataFormatException(file.toString(), 0, null,
                "no " + name + TRAIN + " beside it to train on");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
    if (names.isEmpty()) {
      throw new DataFormatException(dir.toString(), 0, null,
          "no <name>" + TRAIN + " and <name>" + TEST + " pairs in this directory");
    }
    List<LabelledPair> pairs = new ArrayList<>();
    for (String name : names) {
      pairs.add(read(dir, name));
    }
    return pairs;
  }

  /** The pair {@code name} in {@code dir}. */
  public static LabelledPair read(Path dir, String name) {
    Path trainFile = existing(dir, name + TRAIN);
    Path testFile = existing(dir, name + TEST);
    if (trainFile == null) {
      throw new DataFormatException(dir.resolve(name + TRAIN).toString(), 0, null,
          "no such file (nor " + name + TRAIN + GZ + ")");
    }
    if (testFile == null) {
      throw new DataFormatException(trainFile.toString(), 0, null,
          "no " + name + TEST + " beside it to test on");
    }
    Dataset train = readTable(trainFile, false);
    Dataset test = readTable(testFile, true);
    if (!test.hasLabels()) {
      throw new DataFormatException(testFile.toString(), 1, null,
          "no '" + CsvDatasetReader.LABEL_COLUMN + "' column: a test file needs 0/1 labels");
    }
    if (test.anomalyCount() == 0 || test.anomalyCount() == test.size()) {
      throw new DataFormatException(testFile.toString(), 0, CsvDatasetReader.LABEL_COLUMN,
          "needs both anomalous (1) and normal (0) rows to be scored; has "
              + test.anomalyCount() + " anomalous of " + test.size());
    }
    if (!train.featureNames().equals(test.featureNames())) {
      throw new DataFormatException(testFile.toString(), 1, null,
          "its features differ from " + trainFile.getFileName() + ": "
              + difference(train.featureNames(), test.featureNames()));
    }
    return new LabelledPair(name, withoutLabels(train), test);
  }

  private static Dataset readTable(Path file, boolean test) {
    List<String> implied = null;
    String first = firstLine(file);
    String[] cells = first == null ? new String[0] : first.split(",", -1);
    if (first != null && Arrays.stream(cells).allMatch(c -> NumericCell.isNumber(c.strip()))) {
      int columns = cells.length;
      implied = new ArrayList<>();
      int features = test ? columns - 1 : columns;
      for (int j = 1; j <= features; j++) {
        implied.add("f" + j);
      }
      if (test) {
        implied.add(CsvDatasetReader.LABEL_COLUMN);
      }
    }
    return CsvDatasetReader.read(file, implied);
  }

  private static String firstLine(Path file) {
    try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(
        CsvDatasetReader.gzipped(file) ? new java.util.zip.GZIPInputStream(
            Files.newInputStream(file)) : Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Dataset withoutLabels(Dataset d) {
    return d.hasLabels()
        ? new Dataset(d.source(), d.sha256(), d.featureNames(), d.rows(), null, d.lines())
        : d;
  }

  private static String difference(List<String> train, List<String> test) {
    List<String> missing = new ArrayList<>(train);
    missing.removeAll(test);
    List<String> extra = new ArrayList<>(test);
    extra.removeAll(train);
    if (missing.isEmpty() && extra.isEmpty()) {
      return "same columns in another order " + test + " (training has " + train + ")";
    }
    StringBuilder sb = new StringBuilder();
    if (!missing.isEmpty()) {
      sb.append("missing ").append(missing);
    }
    if (!extra.isEmpty()) {
      sb.append(sb.isEmpty() ? "" : ", ").append("extra ").append(extra);
    }
    return sb.toString();
  }
}
