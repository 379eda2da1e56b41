package dev.berth.bench;

import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.image.store.PulledImage;
import dev.berth.runtime.image.store.PullListener;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.state.FileTrees;
import java.nio.file.Path;

/**
 * Pulls one image into a fresh store and prints the time the pull took (download, verify, unpack),
 * for bench/pull-bench.sh. Not part of the test suite.
 */
public final class PullBench {
  private PullBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: PullBench <reference> <empty store dir> [pulls]");
      System.exit(2);
    }
    // berthd is a long-running daemon like dockerd: the first pull runs with the JIT cold, later
    // ones with the hot paths compiled. Each pull goes into a fresh store (nothing cached but the
    // JIT's work); the times are printed on one line, first pull first.
    int pulls = args.length == 3 ? Integer.parseInt(args[2]) : 6;
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < pulls; i++) {
      Path root = Path.of(args[1], "pull" + i);
      line.append(i == 0 ? "" : " ").append(pullOnce(args[0], root));
      FileTrees.deleteTree(root);
    }
    System.out.println(line);
  }

  private static long pullOnce(String reference, Path root) throws Exception {
    ImageStore store = ImageStore.open(root, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    ImagePuller puller =
        new ImagePuller(
            RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), store);
    long start = System.nanoTime();
    PullListener listener =
        System.getenv("BENCH_VERBOSE") == null
            ? PullListener.NONE
            : new PullListener() {
              @Override
              public void status(dev.berth.runtime.image.Digest layer, String status) {
                System.err.printf(
                    "%6d ms %s %s%n",
                    (System.nanoTime() - start) / 1_000_000, layer.shortHex(), status);
              }
            };
    PulledImage image = puller.pull(ImageReference.parse(reference), Platform.host(), listener);
    if (image.manifest().layers().isEmpty()) {
      throw new IllegalStateException("no layers pulled");
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
