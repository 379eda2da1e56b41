package dev.berth.runtime.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob store: verified, atomic writes and cleanup of abandoned ones. */
class BlobStoreTest {
  private static final byte[] HELLO = "hello blob".getBytes(StandardCharsets.UTF_8);

  @TempDir Path root;

  @Test
  void put_thenRead_returnsTheBytesUnderTheirDigest() throws Exception {
    BlobStore store = BlobStore.open(root);

    Digest d = store.put(HELLO);

    assertThat(store.contains(d)).isTrue();
    assertThat(store.read(d)).isEqualTo(HELLO);
    assertThat(store.size(d)).isEqualTo(HELLO.length);
    assertThat(store.list()).containsExactly(d);
    assertThat(store.path(d)).hasFileName(d.hex());
  }

  @Test
  void write_withWrongDigest_failsAndLeavesNothingVisible() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest claimed = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.write(claimed, HELLO.length, new ByteArrayInputStream(HELLO)))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(claimed.toString())
        .hasMessageContaining("hash to " + Digest.sha256(HELLO));
    assertThat(store.contains(claimed)).isFalse();
    assertThat(store.list()).isEmpty();
    assertThat(store.ingestsInProgress()).isZero();
  }

  @Test
  void write_withWrongSize_failsEvenWhenTheDigestMatches() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest d = Digest.sha256(HELLO);

    assertThatThrownBy(() -> store.write(d, HELLO.length + 1, new ByteArrayInputStream(HELLO)))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("announced " + (HELLO.length + 1));
    assertThatThrownBy(() -> store.write(d, HELLO.length - 1, new ByteArrayInputStream(HELLO)))
        .hasMessageContaining("more than the announced");
    assertThat(store.contains(d)).isFalse();
    assertThat(store.ingestsInProgress()).isZero();
  }

  @Test
  void ingest_closedWithoutCommit_isDiscarded() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest d = Digest.sha256(HELLO);

    try (Ingest ingest = store.begin(d, HELLO.length)) {
      ingest.write(HELLO, 0, 4);
      assertThat(store.ingestsInProgress()).isEqualTo(1);
    }

    assertThat(store.contains(d)).isFalse();
    assertThat(store.ingestsInProgress()).isZero();
  }

  @Test
  void open_discardsIngestFilesOfAKilledProcess() throws Exception {
    BlobStore.open(root);
    Files.write(root.resolve("ingest").resolve("half-written"), HELLO);

    BlobStore store = BlobStore.open(root);

    assertThat(store.ingestsInProgress()).isZero();
  }

  @Test
  void concurrentWritersOfTheSameBlob_allSucceed() throws Exception {
    BlobStore store = BlobStore.open(root);
    byte[] big = new byte[1 << 20];
    new java.util.Random(7).nextBytes(big);
    Digest d = Digest.sha256(big);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        writes.add(
            pool.submit(
                () -> {
                  store.write(d, big.length, new ByteArrayInputStream(big));
                  return null;
                }));
      }
      for (Future<?> f : writes) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.read(d)).isEqualTo(big);
    assertThat(store.ingestsInProgress()).isZero();
  }

  @Test
  void read_missingBlob_isNotFound() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest d = Digest.sha256(HELLO);

    assertThatThrownBy(() -> store.read(d))
        .isInstanceOf(EngineException.class)
        .hasMessage("blob " + d + " is not in the store")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void list_ignoresFilesThatAreNotBlobs() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest d = store.put(HELLO);
    Files.writeString(root.resolve("blobs/sha256/README"), "not a blob");

    assertThat(store.list()).containsExactly(d);
  }

  @Test
  void delete_removesTheBlob() throws Exception {
    BlobStore store = BlobStore.open(root);
    Digest d = store.put(HELLO);

    assertThat(store.delete(d)).isTrue();
    assertThat(store.delete(d)).isFalse();
    assertThat(store.contains(d)).isFalse();
  }
}
