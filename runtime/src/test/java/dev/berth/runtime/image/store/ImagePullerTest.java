package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.linux.MountFlags;
import dev.berth.runtime.linux.Mounts;
import dev.berth.runtime.linux.Xattrs;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.ManifestFormat;
import dev.berth.testkit.PushedImage;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls from the test kit's docker-registry, checked through a real overlay mount. */
class ImagePullerTest {
  private static RegistryFixture registry;
  private static StandardImages images;

  @TempDir Path root;
  private ImageStore store;
  private ImagePuller puller;

  @BeforeAll
  static void pushImages() {
    registry = RegistryFixture.shared();
    images = TestImages.pushStandard(registry);
  }

  @BeforeEach
  void openStore() throws Exception {
    store = ImageStore.open(root.resolve("images"), new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    puller =
        new ImagePuller(
            RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store);
  }

  @Test
  void pull_layeredImage_givesLowerDirsThatOverlayIntoTheImageRootfs() throws Exception {
    PulledImage pulled = pull(images.layered().reference());

    assertThat(pulled.manifest().layers()).hasSize(3);
    assertThat(pulled.manifestDigest().toString()).isEqualTo(images.layered().manifestDigest());
    List<Path> lowers = store.layerDirs(store.get(images.layered().reference()));
    assertThat(Xattrs.lgetxattr(lowers.get(2).resolve("data/replaced"), "trusted.overlay.opaque"))
        .containsExactly('y');
    Path merged = Files.createDirectory(root.resolve("merged"));
    List<Path> topFirst = new java.util.ArrayList<>();
    for (Digest diffId : pulled.config().diffIds()) {
      topFirst.add(0, store.layers().shortDir(diffId)); // short links, as a container would mount
    }
    String lowerdir = topFirst.stream().map(Path::toString).collect(Collectors.joining(":"));
    Mounts.mount("overlay", merged, "overlay", MountFlags.MS_RDONLY, "lowerdir=" + lowerdir);
    try {
      for (Map.Entry<String, String> file : TestImages.LAYERED_PRESENT.entrySet()) {
        assertThat(Files.readString(merged.resolve(file.getKey())))
            .as(file.getKey())
            .isEqualTo(file.getValue());
      }
      for (String gone : TestImages.LAYERED_ABSENT) {
        assertThat(merged.resolve(gone)).as(gone).doesNotExist();
      }
      assertThat(merged.resolve("bin/busybox")).isExecutable();
      assertThat(Files.getAttribute(merged.resolve("data/linked-hello.txt"), "unix:ino"))
          .isEqualTo(Files.getAttribute(merged.resolve("data/hello.txt"), "unix:ino"));
    } finally {
      Mounts.umount2(merged, 0);
    }
  }

  @Test
  void pull_recordsTagRepoDigestAndConfig() throws Exception {
    PulledImage pulled = pull(images.busybox().reference());

    ImageRecord record = store.get(images.busybox().reference());
    assertThat(record.id()).isEqualTo(pulled.id());
    assertThat(record.repoTags())
        .containsExactly(ImageReference.parse(images.busybox().reference()).toString());
    assertThat(record.repoDigests())
        .containsExactly(registry.host() + "/busybox@" + images.busybox().manifestDigest());
    assertThat(store.get(images.busybox().referenceByDigest()).id()).isEqualTo(pulled.id());
    assertThat(store.get(pulled.id().hex().substring(0, 12)).id()).isEqualTo(pulled.id());
    assertThat(store.config(record).labels()).containsEntry("dev.berth.test.image", "busybox");
    assertThat(store.config(record).cmd()).isNotEmpty();
  }

  @Test
  void pull_sharedLayer_isDownloadedAndUnpackedOnce() throws Exception {
    pull(images.busybox().reference());
    Map<Digest, String> statuses = new ConcurrentHashMap<>();
    PullListener listener =
        new PullListener() {
          @Override
          public void status(Digest layer, String status) {
            statuses.put(layer, status);
          }
        };

    PulledImage layered =
        puller.pull(ImageReference.parse(images.layered().reference()), Platform.host(), listener);

    Digest rootfs = layered.manifest().layers().get(0).digest();
    assertThat(statuses.get(rootfs)).isEqualTo("Already exists");
    assertThat(statuses.values()).containsOnly("Already exists", "Pull complete");
    assertThat(store.layers().list()).hasSize(3);
  }

  @Test
  void pull_reportsBytesPerLayerUpToTheirSize_andListsTheImageWithItsSize() throws Exception {
    Map<Digest, Long> done = new ConcurrentHashMap<>();
    Map<Digest, Long> totals = new ConcurrentHashMap<>();
    PullListener listener =
        new PullListener() {
          @Override
          public void progress(Digest layer, long bytes, long total) {
            done.merge(layer, bytes, Math::max);
            totals.put(layer, total);
          }
        };

    PulledImage pulled =
        puller.pull(ImageReference.parse(images.layered().reference()), Platform.host(), listener);

    long expectedSize = pulled.manifest().config().size();
    for (var layer : pulled.manifest().layers()) {
      assertThat(done.get(layer.digest())).isEqualTo(layer.size());
      assertThat(totals.get(layer.digest())).isEqualTo(layer.size());
      expectedSize += layer.size();
    }
    ImageRecord listed = store.list().get(0);
    assertThat(store.list()).hasSize(1);
    assertThat(listed.size()).isEqualTo(expectedSize);
    assertThat(listed.repoDigests()).singleElement().asString().endsWith("@" + pulled.repoDigest());
  }

  @Test
  void pull_dockerSchema2Manifest_works() throws Exception {
    TestImage busybox = TestImages.busybox();
    PushedImage v2s2 =
        TestImages.push(
            new TestImage("berth-images-v2s2", "v1", busybox.layers(), busybox.labels()),
            registry,
            ManifestFormat.DOCKER_V2S2);

    PulledImage pulled = pull(v2s2.reference());

    assertThat(pulled.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(pulled.repoDigest().toString()).isEqualTo(v2s2.manifestDigest());
    assertThat(store.layerDirs(store.get(v2s2.reference())).get(0).resolve("bin/busybox")).exists();
  }

  @Test
  void pull_multiArchIndex_resolvesToTheHostPlatformOrTheRequestedOne() throws Exception {
    MultiArchImage.Pushed multi = MultiArchImage.push(registry, "berth-images-multi:latest");

    PulledImage host = pull(multi.reference());
    PulledImage arm =
        puller.pull(
            ImageReference.parse(multi.reference()),
            Platform.parse("linux/arm64"),
            PullListener.NONE);

    assertThat(host.config().architecture()).isEqualTo("amd64");
    assertThat(host.id().toString()).isEqualTo(multi.amd64Config());
    assertThat(host.repoDigest().toString()).isEqualTo(multi.indexDigest());
    assertThat(arm.config().architecture()).isEqualTo("arm64");
    assertThat(arm.id().toString()).isEqualTo(multi.arm64Config());
    assertThatThrownBy(
            () ->
                puller.pull(
                    ImageReference.parse(multi.reference()),
                    Platform.parse("linux/s390x"),
                    PullListener.NONE))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("no image for linux/s390x in the index");
  }

  @Test
  void pull_unknownTag_isNotFoundNamingTheRegistry() {
    String ref = registry.reference("busybox:no-such-tag");

    assertThatThrownBy(() -> pull(ref))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith(
            "pull "
                + ref
                + ": get manifest busybox:no-such-tag: "
                + registry.host()
                + " answered 404")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  private PulledImage pull(String reference) throws Exception {
    return puller.pull(ImageReference.parse(reference), Platform.host(), PullListener.NONE);
  }
}
