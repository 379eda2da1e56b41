package dev.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Path;

/** {@link BusyboxRootfs} for tests outside this package: a busybox image layer in {@code dir}. */
public final class TestBusybox {
  private TestBusybox() {}

  public static Path build(Path dir) throws IOException, InterruptedException {
    return BusyboxRootfs.build(dir);
  }
}
