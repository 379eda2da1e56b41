package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tags, removal and prune with layers shared between images. */
class ImageStoreTest {
  private static StandardImages images;

  @TempDir Path root;
  private ImageStore store;
  private PulledImage busybox;
  private PulledImage layered;

  @BeforeAll
  static void pushImages() {
    images = TestImages.pushStandard(RegistryFixture.shared());
  }

  @BeforeEach
  void pullBoth() throws Exception {
    store = open();
    ImagePuller puller =
        new ImagePuller(
            RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store);
    busybox =
        puller.pull(
            ImageReference.parse(images.busybox().reference()), Platform.host(), PullListener.NONE);
    layered =
        puller.pull(
            ImageReference.parse(images.layered().reference()), Platform.host(), PullListener.NONE);
  }

  @Test
  void remove_imageSharingALayer_keepsTheSharedLayerForTheOther() throws Exception {
    Digest shared = busybox.config().diffIds().get(0);
    Digest onlyLayered = layered.config().diffIds().get(1);

    assertThat(store.remove(images.layered().reference(), false)).containsExactly(layered.id());

    assertThat(store.layers().contains(shared)).isTrue();
    assertThat(store.layers().contains(onlyLayered)).isFalse();
    assertThat(store.blobs().contains(layered.manifest().layers().get(2).digest())).isFalse();
    assertThat(store.blobs().contains(layered.id())).isFalse();
    assertThat(
            store.layerDirs(store.get(images.busybox().reference())).get(0).resolve("bin/busybox"))
        .exists();
    assertThat(store.find(images.layered().reference())).isEmpty();
  }

  @Test
  void remove_lastImage_leavesNoContentBehind() throws Exception {
    store.remove(images.layered().reference(), false);
    store.remove(images.busybox().reference(), false);

    assertThat(store.list()).isEmpty();
    assertThat(store.blobs().list()).isEmpty();
    assertThat(store.layers().list()).isEmpty();
  }

  @Test
  void tag_addsAName_andRemovingOneTagKeepsTheImage() throws Exception {
    store.tag(images.busybox().reference(), ImageReference.parse("berth/mine:1"));

    assertThat(store.get("berth/mine:1").id()).isEqualTo(busybox.id());
    assertThat(store.remove(images.busybox().reference(), false)).isEmpty();
    assertThat(store.get("berth/mine:1").repoTags()).containsExactly("docker.io/berth/mine:1");
    for (Descriptor layer : busybox.manifest().layers()) {
      assertThat(store.blobs().contains(layer.digest())).isTrue();
    }
  }

  @Test
  void remove_byIdWithSeveralTags_conflictsUnlessForced() throws Exception {
    store.tag(images.busybox().reference(), ImageReference.parse("berth/mine:1"));
    String id = busybox.id().toString();

    assertThatThrownBy(() -> store.remove(id, false))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("referenced by 2 tags")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(store.remove(id, true)).containsExactly(busybox.id());
  }

  @Test
  void prune_removesImagesWhoseTagMovedAway() throws Exception {
    store.tag(images.layered().reference(), ImageReference.parse(images.busybox().reference()));

    assertThat(store.get(images.busybox().reference()).id()).isEqualTo(layered.id());
    assertThat(store.prune()).containsExactly(busybox.id());
    assertThat(store.list()).hasSize(1);
    assertThat(store.blobs().contains(busybox.id())).isFalse();
  }

  @Test
  void open_again_seesTheSameImages() throws Exception {
    ImageStore reopened = open();

    assertThat(reopened.list()).containsExactlyInAnyOrderElementsOf(store.list());
    assertThat(Files.isDirectory(reopened.layerDirs(reopened.get(busybox.id().toString())).get(0)))
        .isTrue();
  }

  @Test
  void inspect_givesConfigManifestAndLowerDirs() throws Exception {
    ImageDetails details = store.inspect(images.layered().reference());

    assertThat(details.record().id()).isEqualTo(layered.id());
    assertThat(details.manifest()).isEqualTo(layered.manifest());
    assertThat(details.config().labels()).containsEntry("dev.berth.test.image", "layered");
    assertThat(details.layerDirs()).hasSize(3);
    assertThat(details.layerDirs().get(2).resolve("data/layer3.txt")).hasContent("layer 3");
  }

  @Test
  void get_unknownImage_isNotFound() {
    assertThatThrownBy(() -> store.get("nope:1"))
        .hasMessage("no such image: nope:1")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  private ImageStore open() throws Exception {
    return ImageStore.open(root.resolve("images"), new LinuxSpecialFiles(), LayerLimits.DEFAULT);
  }
}
