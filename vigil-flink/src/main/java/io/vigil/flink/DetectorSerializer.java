package io.vigil.flink;

import io.vigil.detect.DetectorState;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A series' detector in Flink's keyed state, written as Vigil checkpoints it (algorithm,
 * state version, bytes: {@link StreamingDetectors#write}), so a savepoint holds the same
 * versioned state the service stores and restores it across Vigil upgrades the same way.
 * On the heap backend the detector stays an object between checkpoints; on RocksDB each
 * point reads and writes it through here.
 */
public final class DetectorSerializer extends TypeSerializerSingleton<StreamingDetector> {
  private static final long serialVersionUID = 1L;
  /** The one instance (it holds no configuration). */
  public static final DetectorSerializer INSTANCE = new DetectorSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public StreamingDetector createInstance() {
    return StreamingDetectors.create(StreamingDetectors.DEFAULT);
  }

  @Override
  public StreamingDetector copy(StreamingDetector from) {
    return StreamingDetectors.restore(from.snapshot());
  }

  @Override
  public StreamingDetector copy(StreamingDetector from, StreamingDetector reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(StreamingDetector detector, DataOutputView target) throws IOException {
    StreamingDetectors.write(detector.snapshot(), target);
  }

  @Override
  public StreamingDetector deserialize(DataInputView source) throws IOException {
    return StreamingDetectors.restore(StreamingDetectors.read(source));
  }

  @Override
  public StreamingDetector deserialize(StreamingDetector reuse, DataInputView source)
      throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    DetectorState state = StreamingDetectors.read(source);
    StreamingDetectors.write(state, target);
  }

  @Override
  public TypeSerializerSnapshot<StreamingDetector> snapshotConfiguration() {
    return new Snapshot();
  }

  /** What a savepoint records about this serializer: nothing but its class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<StreamingDetector> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
