package io.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.TestData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {

  private static Dataset read(String csv) throws IOException {
    return CsvDatasetReader.read(new StringReader(csv), "in.csv");
  }

  @Test
  void read_withLabelColumn_separatesFeaturesFromLabels() throws IOException {
    Dataset d = read("a,label,b\n1.5,0,-2\n3e2,1,.5\n");
    assertThat(d.featureNames()).containsExactly("a", "b");
    assertThat(d.rows()).isDeepEqualTo(new double[][] {{1.5, -2}, {300, 0.5}});
    assertThat(d.labels()).containsExactly(0, 1);
    assertThat(d.lines()).containsExactly(2, 3);
    assertThat(d.anomalyCount()).isEqualTo(1);
  }

  @Test
  void read_withoutLabelColumn_hasNoLabels() throws IOException {
    Dataset d = read("x\n1\n2");
    assertThat(d.hasLabels()).isFalse();
    assertThat(d.size()).isEqualTo(2);
  }

  @Test
  void read_blankLinesAndQuotedHeaders_areAccepted_andLinesStayTrue() throws IOException {
    Dataset d = read("\"x\",\"y z\"\r\n1,2\r\n\r\n3,4\r\n");
    assertThat(d.featureNames()).containsExactly("x", "y z");
    assertThat(d.lines()).containsExactly(2, 4);
  }

  @Test
  void read_textCell_namesLineAndColumn() {
    assertThatThrownBy(() -> read("x,y\n1,2\n3,abc\n"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("in.csv:3: column 'y': 'abc' is not a number")
        .satisfies(e -> {
          DataFormatException d = (DataFormatException) e;
          assertThat(d.line()).isEqualTo(3);
          assertThat(d.column()).isEqualTo("y");
        });
  }

  @Test
  void read_shortRow_namesLineAndExpectedColumns() {
    assertThatThrownBy(() -> read("x,y\n1,2\n3\n"))
        .hasMessage("in.csv:3: expected 2 values (x,y) but found 1");
  }

  @Test
  void read_nanAndInfinity_areRejected() {
    assertThatThrownBy(() -> read("x\nNaN\n")).hasMessageStartingWith(
        "in.csv:2: column 'x': 'NaN' is not a finite number");
    assertThatThrownBy(() -> read("x\n-Infinity\n")).hasMessageStartingWith(
        "in.csv:2: column 'x': '-Infinity' is not a finite number");
    assertThatThrownBy(() -> read("x\n1e999\n")).hasMessage(
        "in.csv:2: column 'x': '1e999' is out of the range of a double");
  }

  @Test
  void read_javaOnlyNumberForms_areRejected() {
    assertThatThrownBy(() -> read("x\n1d\n")).hasMessage("in.csv:2: column 'x': '1d' is not a number");
    assertThatThrownBy(() -> read("x\n0x10\n")).hasMessageContaining("'0x10' is not a number");
  }

  @Test
  void read_emptyCell_isRejected() {
    assertThatThrownBy(() -> read("x,y\n1,\n")).hasMessageStartingWith(
        "in.csv:2: column 'y': empty value");
  }

  @Test
  void read_manyProblems_reportsFirstAndCountsTheRest() {
    assertThatThrownBy(() -> read("x,label\n1,2\nq,0\n5,1\n,1\n"))
        .hasMessage("in.csv:2: column 'label': '2' is not a label: use 1 for an anomaly, 0 for"
            + " normal; and 2 more problems (lines 3, 5)");
  }

  @Test
  void read_emptyFile_andHeaderOnly_areErrors() {
    assertThatThrownBy(() -> read("")).hasMessage(
        "in.csv: the file is empty: expected a header row");
    assertThatThrownBy(() -> read("x,y\n")).hasMessage("in.csv: no data rows after the header");
  }

  @Test
  void read_badHeaders_areErrors() {
    assertThatThrownBy(() -> read("x,x\n1,2\n")).hasMessage(
        "in.csv:1: column 'x': the column name appears twice");
    assertThatThrownBy(() -> read("label\n1\n")).hasMessageContaining("names no feature column");
    assertThatThrownBy(() -> read("x,\n1,2\n")).hasMessageContaining("column 2 of the header has no name");
  }

  @Test
  void readFile_recordsSha256OfTheBytes() {
    // Hash from `sha256sum datasets/server-gaussian/train.csv`.
    Dataset d = CsvDatasetReader.read(TestData.serverGaussian("train.csv"));
    assertThat(d.sha256())
        .isEqualTo("d180f3d5fa921ce478cfd417954c14c6c738231f9bb8a9c2d4f563fde081ec57");
    assertThat(d.size()).isEqualTo(307);
    assertThat(d.featureNames()).containsExactly("throughput_mbps", "latency_ms");
  }

  @Test
  void readFile_missing_namesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> CsvDatasetReader.read(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void readFile_errorsNameThePathAsGiven(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("bad.csv"), "x\n1\n2\noops\n");
    assertThatThrownBy(() -> CsvDatasetReader.read(f))
        .hasMessage(f + ":4: column 'x': 'oops' is not a number");
  }
}
