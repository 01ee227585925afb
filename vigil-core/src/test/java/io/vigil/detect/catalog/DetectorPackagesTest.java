package io.vigil.detect.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.DetectorDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalogue's shape: one descriptor per algorithm, and detector packages without cycles. */
class DetectorPackagesTest {
  private static final Pattern IMPORT = Pattern.compile("^import (io\\.vigil\\.[a-z.]+)\\.[A-Z]",
      Pattern.MULTILINE);

  @Test
  void detectorPackages_importEachOtherWithoutACycle() throws IOException {
    Path root = Path.of("src/main/java/io/vigil/detect");
    Map<String, Set<String>> imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = "io.vigil." + root.getParent().relativize(f.getParent()).toString()
            .replace('/', '.');
        Set<String> deps = imports.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (m.group(1).startsWith("io.vigil.detect") && !m.group(1).equals(pkg)) {
            deps.add(m.group(1));
          }
        }
      }
    }
    assertThat(imports).containsKey("io.vigil.detect.catalog");
    for (String start : imports.keySet()) {
      assertThat(reaches(imports, start, start, new HashSet<>()))
          .as(start + " reaches itself through " + imports).isFalse();
    }
    assertThat(imports.get("io.vigil.detect")).as("the core API imports no detector").isEmpty();
  }

  private static boolean reaches(Map<String, Set<String>> g, String from, String target,
      Set<String> seen) {
    for (String next : g.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next) && reaches(g, next, target, seen)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyAlgorithm_hasOneDescriptor_thatReadsTheVersionItWrites() {
    List<String> names = new ArrayList<>();
    for (DetectorDescriptor d : StreamingDetectors.descriptors()) {
      names.add(d.name());
      assertThat(d.readers()).containsKey(d.stateVersion());
      if (d.creatable()) {
        var detector = DetectorSpec.of(d.name()).create();
        var state = detector.snapshot();
        assertThat(StreamingDetectors.restore(state).algorithm()).isEqualTo(detector.algorithm());
      }
    }
    assertThat(names).doesNotHaveDuplicates().startsWith(StreamingDetectors.DEFAULT)
        .contains("suppress-repeats", "sustained-surprise", "deviation-filter");
  }
}
