package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service's shape: its packages depend on each other without a cycle, and only the
 * composition root (this package, which starts the service) knows how the store keeps data.
 */
class ServerPackagesTest {
  /** A reference to a class of the service, imported or written out in full. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(io\\.vigil\\.server(?:\\.[a-z]+)*)\\.[A-Z]");
  private static final String ROOT = "io.vigil.server";
  private static final String SQL = "io.vigil.server.store.sql";

  @Test
  void packagesDependOnEachOtherWithoutACycle() throws IOException {
    Map<String, Set<String>> uses = uses();
    assertThat(uses).containsKeys(ROOT, SQL, "io.vigil.server.engine", "io.vigil.server.api");
    for (String start : uses.keySet()) {
      assertThat(path(uses, start)).as(start + " depends on itself through").isEmpty();
    }
  }

  @Test
  void onlyTheCompositionRootOpensTheSqlStore() throws IOException {
    Map<String, Set<String>> uses = uses();
    for (var e : uses.entrySet()) {
      if (!e.getKey().equals(ROOT) && !e.getKey().equals(SQL)) {
        assertThat(e.getValue()).as(e.getKey()).doesNotContain(SQL);
      }
    }
  }

  private static Map<String, Set<String>> uses() throws IOException {
    Path root = Path.of("src/main/java/io/vigil/server");
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = (ROOT + "." + root.relativize(f.getParent()).toString().replace('/', '.'))
            .replaceAll("\\.$", "");
        Set<String> deps = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(f).replaceFirst("package [^;]*;", ""));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            deps.add(m.group(1));
          }
        }
      }
    }
    return uses;
  }

  /** A path of dependencies from {@code start} back to itself, or an empty list. */
  private static List<String> path(Map<String, Set<String>> g, String start) {
    Deque<List<String>> todo = new ArrayDeque<>();
    todo.add(List.of(start));
    Set<String> seen = new TreeSet<>();
    while (!todo.isEmpty()) {
      List<String> p = todo.poll();
      for (String next : g.getOrDefault(p.get(p.size() - 1), Set.of())) {
        List<String> longer = new ArrayList<>(p);
        longer.add(next);
        if (next.equals(start)) {
          return longer;
        }
        if (seen.add(next)) {
          todo.add(longer);
        }
      }
    }
    return List.of();
  }
}
