package dev.berth.runtime.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.image.Digest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers unpacked once, published only when their diff ID matches, removable, short-linked. */
class LayerStoreTest {
  @TempDir Path root;

  @Test
  void unpack_publishesTheLayerUnderItsDiffId_once() throws Exception {
    LayerStore store =
        LayerStore.open(root, new LayerUnpacker(new LinuxSpecialFiles(), LayerLimits.DEFAULT));
    byte[] tar = new TarBuilder().file("a.txt", 0644, "a").gzip();
    Digest diffId = Digest.sha256(new TarBuilder().file("a.txt", 0644, "a").tar());

    Path dir = store.unpack(diffId, new ByteArrayInputStream(tar), "layer a");
    Path again = store.unpack(diffId, new ByteArrayInputStream(new byte[0]), "layer a");

    assertThat(dir).isEqualTo(again).isEqualTo(store.dir(diffId));
    assertThat(dir.resolve("a.txt")).hasContent("a");
    assertThat(store.list()).containsExactly(diffId);
  }

  @Test
  void unpack_contentNotMatchingTheDiffId_leavesNothing() throws Exception {
    LayerStore store =
        LayerStore.open(root, new LayerUnpacker(new LinuxSpecialFiles(), LayerLimits.DEFAULT));
    Digest claimed = Digest.sha256(new byte[] {1});

    assertThatThrownBy(
            () ->
                store.unpack(
                    claimed,
                    new ByteArrayInputStream(new TarBuilder().file("x", 0644, "x").tar()),
                    "layer x"))
        .hasMessageContaining("config says " + claimed);
    try (var files = Files.list(root)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void shortDir_isAShortLinkToTheLayer_removedWithIt() throws Exception {
    LayerStore store =
        LayerStore.open(root, new LayerUnpacker(new LinuxSpecialFiles(), LayerLimits.DEFAULT));
    byte[] tar = new TarBuilder().file("b.txt", 0644, "b").tar();
    Digest diffId = Digest.sha256(tar);
    store.unpack(diffId, new ByteArrayInputStream(tar), "layer b");

    Path link = store.shortDir(diffId);

    assertThat(link.toString().length()).isLessThan(store.dir(diffId).toString().length() - 40);
    assertThat(link.resolve("b.txt")).hasContent("b");
    assertThat(store.list()).containsExactly(diffId);
    assertThat(store.delete(diffId)).isTrue();
    assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(store.list()).isEmpty();
  }
}
