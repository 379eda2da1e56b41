package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.layer.LayerLimits;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A context file larger than the engine lets a layer be is refused, and nothing is kept. */
class BuilderLimitsTest {

  @Test
  void build_copyOfAFileLargerThanTheLayerLimit_isRefusedAndTagsNothing(@TempDir Path context)
      throws Exception {
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY big /big\n");
    try (RandomAccessFile big = new RandomAccessFile(context.resolve("big").toFile(), "rw")) {
      big.setLength(64L << 20); // sparse: 64 MiB that take no disk
    }
    try (BuildEngine engine = new BuildEngine(new LayerLimits(8L << 20, 1000))) {
      assertThatThrownBy(
              () -> engine.build(BuildRequest.of(context, "huge:latest"), new ArrayList<>()))
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("exceeds 8388608 bytes");
      assertThat(engine.store.find("huge:latest")).isEmpty();
    }
  }
}
