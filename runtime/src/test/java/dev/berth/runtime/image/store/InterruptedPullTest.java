package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.Layer;
import dev.berth.testkit.LayerEntry;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TempDirs;
import dev.berth.testkit.TestImage;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A registry killed in the middle of a blob: the store stays consistent and a retry completes. */
class InterruptedPullTest {
  private static final int BIG = 48 << 20;

  private Path dir;
  private LocalRegistry registry;
  private OciLayout layout;

  @BeforeEach
  void pushImageWithABigLayer() throws Exception {
    dir = TempDirs.create("interrupted-pull");
    registry = LocalRegistry.start(Files.createDirectory(dir.resolve("registry")), "");
    byte[] noise = new byte[BIG];
    new Random(42).nextBytes(noise);
    TestImage image =
        new TestImage(
            "big",
            "v1",
            List.of(
                TestImages.busybox().layers().get(0),
                Layer.of(List.of(LayerEntry.file("big.bin", 0644, noise)))),
            Map.of());
    layout = TestImages.build(image, Files.createDirectory(dir.resolve("layout")));
    registry.push(layout, "big:v1");
  }

  @AfterEach
  void stop() throws Exception {
    registry.close();
    TempDirs.deleteRecursively(dir);
  }

  @Test
  void registryKilledMidBlob_leavesNoPartialContent_andTheNextPullCompletes() throws Exception {
    Path root = dir.resolve("store");
    ImageStore store = ImageStore.open(root, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    Digest big = Digest.parse(layout.layerDigests().get(1));
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger retries = new AtomicInteger();
    PullListener killer =
        new PullListener() {
          @Override
          public void progress(Digest layer, long done, long total) {
            if (layer.equals(big) && done > (1 << 20) && killed.compareAndSet(false, true)) {
              try {
                registry.kill();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }

          @Override
          public void retrying(Digest blob, int attempt, long backoffMillis, String why) {
            retries.incrementAndGet();
          }
        };
    RegistryConfig config = RegistryConfig.defaults().withRetries(3, Duration.ofMillis(50));
    ImageReference ref = ImageReference.parse(registry.host() + "/big:v1");

    assertThatThrownBy(
            () ->
                new ImagePuller(RegistryClient.create(config, CredentialStore.NONE), store)
                    .pull(ref, Platform.host(), killer))
        .isInstanceOf(EngineException.class)
        // the big layer's transfer, or another layer's still running, is the one reported
        .hasMessageStartingWith("pull " + ref.familiar() + ": get blob ")
        .hasMessageContaining("cannot reach " + registry.host())
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));

    assertThat(killed).isTrue();
    assertThat(retries.get()).isGreaterThanOrEqualTo(2);
    assertThat(store.blobs().contains(big)).isFalse();
    assertThat(store.blobs().ingestsInProgress()).isZero();
    assertThat(store.find(ref.toString())).isEmpty();
    try (Stream<Path> layers = Files.list(root.resolve("layers"))) {
      assertThat(layers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }

    registry.restart();
    ImageStore reopened = ImageStore.open(root, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    PulledImage pulled =
        new ImagePuller(RegistryClient.create(config, CredentialStore.NONE), reopened)
            .pull(ref, Platform.host(), PullListener.NONE);

    assertThat(pulled.manifestDigest().toString()).isEqualTo(layout.manifestDigest());
    assertThat(reopened.blobs().contains(big)).isTrue();
    Path bigFile = reopened.layerDirs(reopened.get(ref.toString())).get(1).resolve("big.bin");
    assertThat(Files.size(bigFile)).isEqualTo(BIG);
  }
}
