package dev.berth.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code docker} client against one daemon, always with an explicit {@code -H}. */
public final class DockerCli {

  private final String host;

  public DockerCli(String host) {
    this.host = host;
  }

  /** {@code docker -H <host> <args>}, waiting at most {@code timeout}. */
  public HostCommand.Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "-H", host));
    command.addAll(List.of(args));
    return HostCommand.run(command, timeout);
  }

  /** {@code docker -H <host> <args>} with a two-minute bound; throws unless it exits 0. */
  public HostCommand.Result runChecked(String... args) {
    return run(Duration.ofMinutes(2), args).orThrow();
  }

  /** Whether {@code docker version} reaches the daemon within a few seconds. */
  public boolean answers() {
    try {
      return run(Duration.ofSeconds(5), "version", "--format", "{{.Server.Version}}").succeeded();
    } catch (IllegalStateException timedOut) {
      return false;
    }
  }
}
