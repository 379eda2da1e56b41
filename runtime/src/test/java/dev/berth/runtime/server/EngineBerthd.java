package dev.berth.runtime.server;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.PullListener;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.StandardImages;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real berthd for tests: its own roots in a temp dir, its own bridge ({@code berthT} + hex), nft
 * table and iptables chain, and the test kit's busybox pulled from the local registry and tagged
 * {@code busybox:latest}. Closing it removes its containers and networks, then everything else.
 */
public final class EngineBerthd implements AutoCloseable {
  public final Path dir;
  public Berthd berthd;
  private final Berthd.Config config;
  public final String busybox;
  public final String suffix;
  private final java.util.Set<String> containerIds =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final dev.berth.runtime.server.engine.EventBus.Subscription subscription;

  private EngineBerthd(
      Path dir, Berthd.Config config, Berthd berthd, String busybox, String suffix) {
    this.config = config;
    this.dir = dir;
    this.berthd = berthd;
    this.busybox = busybox;
    this.suffix = suffix;
    this.subscription =
        berthd
            .events()
            .subscribe(
                e -> e.type().equals("container"),
                java.util.Optional.empty(),
                new dev.berth.runtime.server.engine.EventBus.Listener() {
                  @Override
                  public void event(dev.berth.runtime.server.engine.EngineEvent event) {
                    containerIds.add(event.actorId());
                  }

                  @Override
                  public void closed() {}
                });
  }

  /**
   * What this berthd left on the host since {@code before}: objects naming its dir, its suffix or
   * one of its containers (the host is shared with other tests).
   */
  public java.util.List<dev.berth.testkit.Leak> leaksSince(
      dev.berth.testkit.HostLeakCheck.Snapshot before) {
    return dev.berth.testkit.HostLeakCheck.leakedSince(before).stream()
        .filter(
            leak ->
                leak.name().contains(dir.toString())
                    || leak.name().toLowerCase(java.util.Locale.ROOT).contains(suffix)
                    || containerIds.stream()
                        .anyMatch(id -> leak.name().contains(id.substring(0, 12))))
        .toList();
  }

  /** Starts a berthd and pulls busybox into it. */
  public static EngineBerthd start() throws Exception {
    String suffix =
        HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 8);
    Path dir = Files.createTempDirectory("berth-e2e-");
    Berthd.Config config =
        new Berthd.Config(dir.resolve("root"), dir.resolve("exec"), null)
            .withNetwork(IsolatedBerthds.network(suffix));
    Berthd berthd = Berthd.start(config);
    try {
      String reference = pullBusybox(berthd.engine().images());
      return new EngineBerthd(dir, config, berthd, reference, suffix);
    } catch (Exception | Error e) {
      berthd.close();
      throw e;
    }
  }

  /** Pulls the test kit's busybox into {@code images} and tags it {@code busybox:latest}. */
  public static String pullBusybox(dev.berth.runtime.image.store.ImageStore images)
      throws Exception {
    StandardImages pushed = TestImages.pushStandard(RegistryFixture.shared());
    String reference = pushed.busybox().reference();
    new ImagePuller(RegistryClient.create(RegistryConfig.defaults(), CredentialStore.NONE), images)
        .pull(ImageReference.parse(reference), Platform.host(), PullListener.NONE);
    images.tag(reference, ImageReference.parse("busybox:latest"));
    return reference;
  }

  /** Stops berthd, leaving its containers running, and starts a new one on the same root. */
  public void restart() throws Exception {
    berthd.close();
    berthd = Berthd.start(config);
  }

  public Path socket() {
    return berthd.socket();
  }

  @Override
  public void close() throws Exception {
    subscription.close();
    try {
      var service = berthd.engine().service();
      for (var container : service.list()) {
        service.remove(container.id(), true, true);
      }
      IsolatedBerthds.removeNetworks(berthd);
    } finally {
      berthd.close();
      Path log = dir.resolve("root").resolve(Berthd.LOG_FILE);
      if (System.getenv("BERTH_TEST_LOG") != null && Files.exists(log)) {
        Files.copy(
            log,
            Path.of(System.getenv("BERTH_TEST_LOG")),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      HostCommand.run(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(30));
    }
  }
}
