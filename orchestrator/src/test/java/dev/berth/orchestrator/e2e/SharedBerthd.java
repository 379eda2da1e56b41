package dev.berth.orchestrator.e2e;

import dev.berth.runtime.server.Berthd;
import dev.berth.runtime.server.IsolatedBerthds;
import dev.berth.testkit.HostCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The berthd the end-to-end suite runs against with {@code berth.test.engine=berthd}: one per JVM,
 * started in this JVM on temporary roots with its own bridge ({@code berthT} + hex), nft table and
 * iptables chain, so it runs beside any other engine on the host. At JVM exit its networks are
 * removed (the default bridge included, which a berthd otherwise leaves as dockerd leaves {@code
 * docker0}), it stops, and its roots are deleted. (The orchestrator's ArchitectureTest covers main
 * code only, so tests may start the runtime's daemon directly.)
 */
final class SharedBerthd {
  private static Berthd shared;

  private SharedBerthd() {}

  static synchronized Path socket() {
    if (shared == null) {
      shared = start();
    }
    return shared.socket();
  }

  private static Berthd start() {
    Path dir;
    try {
      dir = Files.createTempDirectory("berth-e2e-berthd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Berthd berthd;
    try {
      berthd =
          Berthd.start(
              new Berthd.Config(dir.resolve("root"), dir.resolve("run"), dir.resolve("b.sock"))
                  .withNetwork(IsolatedBerthds.network()));
    } catch (Exception e) {
      throw new IllegalStateException("starting the test berthd on " + dir + ": " + e, e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(berthd, dir), "berth-e2e-berthd-stop"));
    return berthd;
  }

  private static void stop(Berthd berthd, Path dir) {
    try {
      var service = berthd.engine().service();
      for (var container : service.list()) {
        service.remove(container.id(), true, true);
      }
      IsolatedBerthds.removeNetworks(berthd);
    } catch (Exception e) {
      // a JVM exit cannot fail a test any more; what is left shows in the host leak checks
    } finally {
      berthd.close();
      HostCommand.run(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(60));
    }
  }
}
