package io.vigil.eval.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.series.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledPairTest {
  @TempDir Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsPairsByName() throws IOException {
    write("b_train.csv", "x,y\n1,2\n3,4\n");
    write("b_test.csv", "x,y,label\n1,2,0\n9,9,1\n");
    write("a_train.csv", "x,y,label\n1,2,0\n3,4,0\n");
    write("a_test.csv", "x,y,label\n1,2,1\n3,4,0\n");
    List<LabelledPair> pairs = LabelledPair.readAll(dir);
    assertThat(pairs).extracting(LabelledPair::name).containsExactly("a", "b");
    assertThat(pairs.get(0).train().hasLabels()).as("training labels are ignored").isFalse();
    assertThat(pairs.get(1).test().anomalyCount()).isEqualTo(1);
  }

  @Test
  void readsFilesWithoutAHeader() throws IOException {
    write("m_train.csv", "1,2,3\n4,5,6\n");
    write("m_test.csv", "1,2,3,0\n9,9,9,1\n");
    LabelledPair pair = LabelledPair.read(dir, "m");
    assertThat(pair.train().featureNames()).containsExactly("f1", "f2", "f3");
    assertThat(pair.test().labels()).containsExactly(0, 1);
  }

  @Test
  void aMissingColumnIsNamedWithTheFile() throws IOException {
    write("h_train.csv", "cpu,mem\n1,2\n");
    write("h_test.csv", "cpu,label\n1,1\n2,0\n");
    assertThatThrownBy(() -> LabelledPair.read(dir, "h"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(dir.resolve("h_test.csv") + ":1: its features differ from h_train.csv:"
            + " missing [mem]");
  }

  @Test
  void columnsInAnotherOrderAreRefused() throws IOException {
    write("h_train.csv", "cpu,mem\n1,2\n");
    write("h_test.csv", "mem,cpu,label\n1,2,1\n2,2,0\n");
    assertThatThrownBy(() -> LabelledPair.read(dir, "h"))
        .hasMessageContaining("same columns in another order");
  }

  @Test
  void aTextCellIsNamedByFileLineAndColumn() throws IOException {
    write("h_train.csv", "cpu,mem\n1,2\n3,high\n");
    write("h_test.csv", "cpu,mem,label\n1,2,1\n2,2,0\n");
    assertThatThrownBy(() -> LabelledPair.read(dir, "h"))
        .hasMessage(dir.resolve("h_train.csv") + ":3: column 'mem': 'high' is not a number");
  }

  @Test
  void aTestFileNeedsLabelsOfBothKinds() throws IOException {
    write("h_train.csv", "cpu\n1\n");
    write("h_test.csv", "cpu\n1\n");
    assertThatThrownBy(() -> LabelledPair.read(dir, "h")).hasMessageContaining("no 'label'");
    write("h_test.csv", "cpu,label\n1,0\n");
    assertThatThrownBy(() -> LabelledPair.read(dir, "h"))
        .hasMessageContaining("needs both anomalous (1) and normal (0) rows");
  }

  @Test
  void aLoneFileIsReported() throws IOException {
    write("h_test.csv", "cpu,label\n1,0\n");
    assertThatThrownBy(() -> LabelledPair.readAll(dir))
        .hasMessageContaining("h_test.csv: no h_train.csv beside it");
    assertThatThrownBy(() -> LabelledPair.readAll(dir.resolve("nowhere")))
        .hasMessageContaining("no such directory");
  }
}
