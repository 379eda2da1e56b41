package dev.berth.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.HostCommand;
import java.time.Duration;
import java.util.List;

/** Privileged tests demand root out loud instead of skipping: CI runs as root. */
final class Root {
  private Root() {}

  static void require() {
    String uid =
        HostCommand.runChecked(List.of("id", "-u"), Duration.ofSeconds(5)).stdout().strip();
    assertThat(uid)
        .as("network tests create bridges and namespaces and must run as root (CI does)")
        .isEqualTo("0");
  }

  /** Runs busybox {@code args} inside the namespace file, bounded by {@code timeout(1)}. */
  static HostCommand.Result inNetns(java.nio.file.Path netns, int seconds, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("nsenter", "--net=" + netns, "timeout", String.valueOf(seconds), "busybox"));
    command.addAll(List.of(args));
    return HostCommand.run(command, Duration.ofSeconds(seconds + 5L));
  }
}
