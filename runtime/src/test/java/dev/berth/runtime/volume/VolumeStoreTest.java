package dev.berth.runtime.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeStoreTest {
  @TempDir Path dir;
  private VolumeStore store;
  private Path image;

  @BeforeEach
  void imageContent() throws Exception {
    store = new VolumeStore(dir.resolve("volumes"));
    image = Files.createDirectories(dir.resolve("image/data/sub"));
    Files.writeString(dir.resolve("image/data/sub/a.txt"), "a");
    Files.createSymbolicLink(dir.resolve("image/data/link"), Path.of("/etc/passwd"));
  }

  @Test
  void populate_copiesTheImageContentIntoANewVolumeKeepingSymlinks() throws Exception {
    Path data = store.create("db");

    store.populate("db", dir.resolve("image/data"));

    assertThat(data.resolve("sub/a.txt")).hasContent("a");
    assertThat(Files.readSymbolicLink(data.resolve("link"))).isEqualTo(Path.of("/etc/passwd"));
  }

  @Test
  void populate_happensOnlyOnceAndNeverOverAnExistingContent() throws Exception {
    Path data = store.create("db");
    Files.writeString(data.resolve("mine.txt"), "x");

    store.populate("db", dir.resolve("image/data"));

    assertThat(data.resolve("sub")).doesNotExist();
    Files.delete(data.resolve("mine.txt"));
    store.populate("db", dir.resolve("image/data"));
    assertThat(data.resolve("sub")).doesNotExist();
  }

  @Test
  void create_rejectsNamesThatCouldEscapeTheStore() {
    assertThatThrownBy(() -> store.create("../etc")).hasMessage("invalid volume name \"../etc\"");
  }

  @Test
  void remove_deletesTheVolume() throws Exception {
    store.create("db");

    store.remove("db");

    assertThat(store.list()).isEmpty();
    assertThat(store.exists("db")).isFalse();
  }

  @Test
  void parseSize_readsDockerUnits() throws Exception {
    assertThat(MountRequest.parseSize("64m")).isEqualTo(64L << 20);
    assertThat(MountRequest.parseSize("1g")).isEqualTo(1L << 30);
    assertThat(MountRequest.parseSize("512")).isEqualTo(512);
    assertThatThrownBy(() -> MountRequest.parseSize("lots")).hasMessage("invalid size \"lots\"");
  }

  @Test
  void create_withLabelsAndOptions_keepsThemForALaterStoreOnTheSameRoot() throws Exception {
    VolumeOptions tmpfs =
        VolumeOptions.parse(
            "t", java.util.Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"));
    VolumeInfo created = store.create("t", java.util.Map.of("a", "b"), tmpfs);

    VolumeInfo reread = new VolumeStore(dir.resolve("volumes")).info("t");

    assertThat(reread.labels()).containsEntry("a", "b");
    assertThat(reread.options()).isEqualTo(tmpfs);
    assertThat(reread.createdAt()).isEqualTo(created.createdAt());
    assertThat(reread.mountpoint()).isEqualTo(dir.resolve("volumes/t/_data"));
  }

  @Test
  void create_ofAnExistingName_returnsTheExistingVolumeUnchanged() throws Exception {
    store.create("db", java.util.Map.of("first", ""), VolumeOptions.NONE);

    VolumeInfo again = store.create("db", java.util.Map.of("second", ""), VolumeOptions.NONE);

    assertThat(again.labels()).containsOnlyKeys("first");
  }

  @Test
  void info_ofAVolumeFromBeforeMetadata_readsAsPlainWithoutLabels() throws Exception {
    Files.createDirectories(dir.resolve("volumes/old/_data"));

    VolumeInfo old = store.info("old");

    assertThat(old.labels()).isEmpty();
    assertThat(old.options().isPlain()).isTrue();
    assertThatThrownBy(() -> store.info("missing")).hasMessageContaining("no such volume");
  }
}
