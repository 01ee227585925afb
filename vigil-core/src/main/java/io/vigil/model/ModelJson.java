package io.vigil.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes model files.
 *
 * <p>Doubles are written in Java's round-trip decimal form and read back with a correctly
 * rounded parser, so a restored model scores bit-identically. Writes go to a temporary file in
 * the same directory that is then moved over the target, so a crash never leaves a half-written
 * model where a good one was.
 */
public final class ModelJson {

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private ModelJson() {}

  /** The model document as JSON text. */
  public static String toJson(ModelDocument doc) {
    try {
      return MAPPER.writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a model document always serialises", e);
    }
  }

  /** Writes {@code doc}, signed with {@code key}, to {@code file} atomically. */
  public static void write(ModelDocument doc, Path file, ModelKey key) throws IOException {
    byte[] json = toJson(signed(doc, key)).getBytes(StandardCharsets.UTF_8);
    AtomicFile.write(file, out -> out.write(json));
  }

  /** {@code doc} signed with {@code key}: the signature covers the document without it. */
  public static ModelDocument signed(ModelDocument doc, ModelKey key) {
    return doc.withSignature(key.sign(signedContent(doc)));
  }

  private static byte[] signedContent(ModelDocument doc) {
    return toJson(doc.withSignature(null)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a model file signed with {@code key}, checking that it is a Vigil model of a
   * version this Vigil reads.
   *
   * @throws ModelFileException naming the file when it is not signed with {@code key} or was
   *     changed after it was signed
   */
  public static ModelDocument read(Path file, ModelKey key) throws ModelFileException {
    ModelDocument doc = readUnverified(file);
    String problem = key.problem(signedContent(doc), doc.signature());
    if (problem != null) {
      throw new ModelFileException(file + ": refused: " + problem + ". Vigil loads only the"
          + " models its key signed; if you trust this file as it is, sign it with 'vigil"
          + " model sign " + file + "'");
    }
    return doc;
  }

  /**
   * Reads a model file without checking its signature: for tools that show or sign a model,
   * never for one that runs it.
   */
  public static ModelDocument readUnverified(Path file) throws ModelFileException {
    try {
      return parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ModelFileException(file + ": no such model file", e);
    } catch (IOException e) {
      throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
    } catch (ModelFileException e) {
      throw new ModelFileException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses model JSON text. */
  public static ModelDocument parse(String json) throws ModelFileException {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ModelFileException("not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ")");
    }
    if (tree == null || !tree.isObject() || !ModelDocument.FORMAT.equals(tree.path("format").asText())) {
      throw new ModelFileException("not a Vigil model (expected \"format\": \""
          + ModelDocument.FORMAT + "\")");
    }
    int version = tree.path("formatVersion").asInt(-1);
    if (version < 1) {
      throw new ModelFileException("missing or invalid formatVersion");
    }
    if (version > ModelDocument.FORMAT_VERSION) {
      throw new ModelFileException("format version " + version + " is newer than this Vigil ("
          + VigilVersion.get() + ") reads (up to " + ModelDocument.FORMAT_VERSION
          + "); upgrade Vigil");
    }
    try {
      return MAPPER.treeToValue(tree, ModelDocument.class);
    } catch (JsonProcessingException e) {
      throw new ModelFileException("invalid model: " + e.getOriginalMessage());
    }
  }
}
