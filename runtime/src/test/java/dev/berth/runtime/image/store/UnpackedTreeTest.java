package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.Layer;
import dev.berth.testkit.LayerEntry;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry the test kit put into each layer of {@code layered:latest} is found in berth's
 * unpacked layer dir with its type, mode, content, link target and mtime, and nothing else is.
 */
class UnpackedTreeTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path root;

  @Test
  void pulledLayers_holdExactlyWhatWasPushed() throws Exception {
    StandardImages images = TestImages.pushStandard(RegistryFixture.shared());
    ImageStore store = ImageStore.open(root, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    PulledImage pulled =
        new ImagePuller(
                RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store)
            .pull(
                ImageReference.parse(images.layered().reference()),
                Platform.host(),
                PullListener.NONE);
    TestImage pushed = TestImages.layered();

    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < pushed.layers().size(); i++) {
      Layer layer = pushed.layers().get(i);
      Digest diffId = pulled.config().diffIds().get(i);
      assertThat(diffId.toString()).isEqualTo(layer.diffId());
      compare(soft, layer.entries(), store.layers().dir(diffId));
    }
    soft.assertAll();
  }

  private static void compare(SoftAssertions soft, List<LayerEntry> entries, Path dir)
      throws Exception {
    Set<Path> expected = new HashSet<>();
    for (LayerEntry e : entries) {
      String base = Path.of(e.path()).getFileName().toString();
      if (base.equals(".wh..wh..opq")) {
        expected.add(dir.resolve(e.path()).getParent());
        continue;
      }
      Path p =
          base.startsWith(".wh.")
              ? dir.resolve(e.path()).resolveSibling(base.substring(4))
              : dir.resolve(e.path());
      expected.add(p);
      for (Path parent = p.getParent(); !parent.equals(dir); parent = parent.getParent()) {
        expected.add(parent);
      }
      if (base.startsWith(".wh.")) {
        soft.assertThat(mode(p) & 0170000).as("whiteout %s", e.path()).isEqualTo(0020000);
        continue;
      }
      switch (e.type()) {
        case DIRECTORY -> soft.assertThat(p).as(e.path()).isDirectory();
        case FILE -> {
          soft.assertThat(Files.readAllBytes(p)).as(e.path()).isEqualTo(e.content());
          soft.assertThat(mode(p) & 07777).as("mode of %s", e.path()).isEqualTo(e.mode());
        }
        case SYMLINK ->
            soft.assertThat(Files.readSymbolicLink(p).toString())
                .as(e.path())
                .isEqualTo(e.linkTarget());
        case HARDLINK ->
            soft.assertThat(Files.getAttribute(p, "unix:ino", NOFOLLOW))
                .as(e.path())
                .isEqualTo(Files.getAttribute(dir.resolve(e.linkTarget()), "unix:ino", NOFOLLOW));
      }
      if (e.type() != LayerEntry.Type.DIRECTORY) {
        soft.assertThat(Files.getLastModifiedTime(p, NOFOLLOW))
            .as("mtime of %s", e.path())
            .isEqualTo(FileTime.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      soft.assertThat(walk.filter(p -> !p.equals(dir)))
          .as("nothing but the pushed entries in %s", dir)
          .allMatch(expected::contains);
    }
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW);
  }
}
