package dev.berth.runtime.clients;

import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImages;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The image the scenarios run (busybox from the local test registry) and unique names. */
final class ScenarioImages {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ScenarioImages() {}

  /** {@code 127.0.0.1:PORT/busybox:latest}, pushed once per JVM. */
  static String busybox() {
    return TestImages.pushStandard(RegistryFixture.shared()).busybox().reference();
  }

  /** A name no other test run uses: {@code berthcl-<8 hex>-<what>}. */
  static String unique(String what) {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return "berthcl-" + HexFormat.of().formatHex(bytes) + "-" + what;
  }
}
