package io.vigil.plugin;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.detect.multi.BatchDetectorDescriptor;
import io.vigil.detect.multi.MultivariateDetectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads plug-ins: every {@code .jar} in a folder, through one class loader whose parent is
 * Vigil's, so plug-ins see Vigil's classes and their own. Their detectors join the catalogues
 * (call this at start, before detectors are made). Loading runs the jars' code: the folder
 * must be as trusted as Vigil's own jar.
 */
public final class Plugins {

  /** One loaded plug-in and what it added. */
  public record Loaded(String name, List<String> streamingDetectors, List<String> batchDetectors) {}

  private Plugins() {}

  /**
   * Loads every plug-in in {@code dir}'s jars and registers its detectors.
   *
   * @throws IllegalArgumentException when the folder does not exist, a jar's plug-in cannot be
   *     made, or a detector's name is taken (naming the plug-in)
   */
  public static List<Loaded> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such plug-ins folder");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)) {
          jars.add(f.toUri().toURL());
        }
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
    // Kept open for the life of the process: the plug-ins' classes load from it on demand.
    URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new),
        Plugins.class.getClassLoader());
    List<Loaded> loaded = new ArrayList<>();
    try {
      for (VigilPlugin plugin : ServiceLoader.load(VigilPlugin.class, loader)) {
        if (plugin.getClass().getClassLoader() != loader) {
          continue; // on Vigil's own class path, not from this folder
        }
        loaded.add(register(plugin));
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalArgumentException(dir + ": a plug-in could not be loaded: "
          + e.getMessage(), e);
    }
    return loaded;
  }

  /** Registers one plug-in's detectors. */
  public static Loaded register(VigilPlugin plugin) {
    List<String> streaming = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    try {
      for (DetectorDescriptor d : plugin.streamingDetectors()) {
        StreamingDetectors.register(d);
        streaming.add(d.name());
      }
      for (BatchDetectorDescriptor d : plugin.batchDetectors()) {
        MultivariateDetectors.register(d);
        batch.add(d.name());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("plug-in " + plugin.name() + ": " + e.getMessage(), e);
    }
    return new Loaded(plugin.name(), streaming, batch);
  }
}
