package dev.berth.runtime.clients;

import dev.berth.runtime.server.Berthd;
import dev.berth.runtime.server.IsolatedBerthds;
import dev.berth.testkit.DockerdFixture;
import java.nio.file.Path;

/** The engines a client scenario runs against: the reference dockerd, and berthd. */
public enum EngineKind {
  /** Debian's dockerd from the test kit ({@link DockerdFixture#shared()}), the oracle. */
  DOCKERD {
    @Override
    ClientEngine open(Path temp, String scenario) {
      return new ClientEngine(this, DockerdFixture.shared().socket(), temp, null, scenario);
    }
  },
  /** A berthd started in this JVM on temporary roots and its own socket. */
  BERTHD {
    @Override
    ClientEngine open(Path temp, String scenario) throws Exception {
      Path base = temp.resolve("berthd");
      Berthd berthd =
          Berthd.start(
              new Berthd.Config(base.resolve("root"), base.resolve("run"), base.resolve("b.sock"))
                  .withNetwork(IsolatedBerthds.network()));
      return new ClientEngine(this, berthd.socket(), temp, berthd, scenario);
    }
  };

  /**
   * Starts or finds the engine; {@code temp} is the test's own directory, {@code scenario} names
   * the test in endpoint recordings.
   */
  abstract ClientEngine open(Path temp, String scenario) throws Exception;
}
