package dev.berth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.content.BlobStore;
import dev.berth.runtime.content.DigestMismatchException;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.wire.ImageJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob transfers against a scripted registry: CDN redirects, foreign layers, broken answers. */
class BlobTransferTest {
  @TempDir Path root;
  private FakeRegistry fake;
  private BlobStore store;
  private RegistryClient.Repository repo;
  private byte[] blob;
  private Descriptor descriptor;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeRegistry();
    store = BlobStore.open(root);
    blob = new byte[3 << 20];
    new Random(1).nextBytes(blob);
    descriptor = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(blob), blob.length);
    fake.blob(descriptor.digest().toString(), blob);
    repo =
        RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE)
            .open(ImageReference.parse(fake.host() + "/app:1"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void blob_redirectedToACdn_isFetchedWithoutSendingTheRegistryToken() throws Exception {
    repo.blob(descriptor, store, n -> {});

    assertThat(store.read(descriptor.digest())).isEqualTo(blob);
    assertThat(fake.cdnAuthorizations).containsExactly("");
  }

  @Test
  void manifest_behindABearerChallenge_isFetchedWithTheToken() throws Exception {
    Manifest m =
        new Manifest(
            MediaTypes.OCI_MANIFEST,
            Descriptor.of(MediaTypes.OCI_CONFIG, Digest.sha256(new byte[0]), 0),
            List.of(descriptor));
    byte[] bytes = ImageJson.write(m);
    fake.manifest("1", MediaTypes.OCI_MANIFEST, bytes);

    FetchedManifest fetched = repo.manifest("1");

    assertThat(fetched.document()).isEqualTo(m);
    assertThat(fetched.digest()).isEqualTo(Digest.sha256(bytes));
  }

  @Test
  void manifest_byDigest_thatHashesDifferently_isRefused() {
    fake.manifest(
        "sha256:" + "0".repeat(64), MediaTypes.OCI_MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> repo.manifest("sha256:" + "0".repeat(64)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("sent a manifest hashing to " + Digest.sha256("{}".getBytes()));
  }

  @Test
  void foreignLayer_missingFromTheRegistry_isFetchedFromItsUrl() throws Exception {
    fake.registryLacks.add(descriptor.digest().toString());
    Descriptor foreign =
        new Descriptor(
            MediaTypes.DOCKER_FOREIGN_LAYER,
            descriptor.digest(),
            descriptor.size(),
            List.of(fake.cdnUrl(descriptor.digest().toString())),
            null,
            Map.of());

    repo.blob(foreign, store, n -> {});

    assertThat(store.read(descriptor.digest())).isEqualTo(blob);
  }

  @Test
  void serviceUnavailable_isARetryableErrorNamingTheRegistry() {
    fake.fail503Once.add(descriptor.digest().toString());

    assertThatThrownBy(() -> repo.blob(descriptor, store, n -> {}))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "get blob "
                + descriptor.digest().shortHex()
                + ": "
                + fake.host()
                + " answered 503 service unavailable")
        .satisfies(e -> assertThat(((RegistryException) e).retryable()).isTrue());
    assertThat(store.contains(descriptor.digest())).isFalse();
  }

  @Test
  void connectionCutMidBody_leavesNoBlobAndIsRetryable() throws Exception {
    fake.cutOnce.add(descriptor.digest().toString());

    EngineException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            EngineException.class, () -> repo.blob(descriptor, store, n -> {}));

    assertThat(
            e instanceof RegistryException r && r.retryable()
                || e instanceof DigestMismatchException)
        .as(e.toString())
        .isTrue();
    assertThat(store.contains(descriptor.digest())).isFalse();
    assertThat(store.ingestsInProgress()).isZero();
    repo.blob(descriptor, store, n -> {});
    assertThat(store.read(descriptor.digest())).isEqualTo(blob);
  }

  @Test
  void silentPeerMidBody_isBrokenOffAfterTheStallTimeout_andRetryable() throws Exception {
    fake.stallOnce.add(descriptor.digest().toString());
    RegistryClient.Repository impatient =
        RegistryClient.create(
                RegistryConfig.defaults().withStallTimeout(java.time.Duration.ofMillis(400)),
                CredentialStore.NONE)
            .open(ImageReference.parse(fake.host() + "/app:1"));
    long start = System.nanoTime();

    assertThatThrownBy(() -> impatient.blob(descriptor, store, n -> {}))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no data for 400 ms")
        .satisfies(e -> assertThat(((RegistryException) e).retryable()).isTrue());

    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(10));
    assertThat(store.contains(descriptor.digest())).isFalse();
    impatient.blob(descriptor, store, n -> {});
    assertThat(store.read(descriptor.digest())).isEqualTo(blob);
  }

  @Test
  void blobWithWrongContent_isRefusedAndNotStored() {
    Descriptor lying =
        Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256(new byte[] {1}), blob.length);
    fake.blob(lying.digest().toString(), blob);

    assertThatThrownBy(() -> repo.blob(lying, store, n -> {}))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(store.contains(lying.digest())).isFalse();
  }
}
