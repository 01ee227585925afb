package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every file the README's examples read is in the repository, so they work on a clone. */
class ReadmeFilesTest {
  @Test
  void everyFileTheReadmeNames_exists() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = Pattern.compile("(?:datasets|scripts)/[A-Za-z0-9_./-]+\\.(?:csv|py|sh|md|json)")
        .matcher(readme);
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group());
    }
    assertThat(named).contains("datasets/examples/disk.csv", "datasets/examples/logins.csv",
        "datasets/examples/history.csv");
    assertThat(named).allSatisfy(f -> assertThat(root.resolve(f)).as(f).exists());
  }
}
