package dev.berth.runtime.registry;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the engine reaches registries, from its config file.
 *
 * @param insecureRegistries hosts ({@code host:port}) spoken to over plain HTTP; loopback ones
 *     always are, as with Docker
 * @param dockerHubMirrors base URLs tried before Docker Hub for {@code docker.io} images
 * @param maxConcurrentDownloads layers fetched at once per pull (Docker's default is 3)
 * @param attempts tries per blob or manifest before a pull fails
 * @param initialBackoff wait before the second try; doubled for each further one
 * @param stallTimeout a blob transfer that receives nothing for this long is broken off (and
 *     retried)
 */
public record RegistryConfig(
    Set<String> insecureRegistries,
    List<String> dockerHubMirrors,
    int maxConcurrentDownloads,
    int attempts,
    Duration initialBackoff,
    Duration connectTimeout,
    Duration stallTimeout) {
  public RegistryConfig {
    insecureRegistries = Set.copyOf(insecureRegistries);
    dockerHubMirrors = List.copyOf(dockerHubMirrors);
    if (maxConcurrentDownloads < 1 || attempts < 1) {
      throw new IllegalArgumentException("downloads and attempts must be at least 1");
    }
  }

  /** Docker's defaults: 3 parallel downloads, 5 attempts. */
  public static RegistryConfig defaults() {
    return new RegistryConfig(
        Set.of(),
        List.of(),
        3,
        5,
        Duration.ofMillis(500),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60));
  }

  public RegistryConfig withInsecure(Set<String> hosts) {
    return new RegistryConfig(
        hosts,
        dockerHubMirrors,
        maxConcurrentDownloads,
        attempts,
        initialBackoff,
        connectTimeout,
        stallTimeout);
  }

  public RegistryConfig withMirrors(List<String> mirrors) {
    return new RegistryConfig(
        insecureRegistries,
        mirrors,
        maxConcurrentDownloads,
        attempts,
        initialBackoff,
        connectTimeout,
        stallTimeout);
  }

  public RegistryConfig withMaxConcurrentDownloads(int downloads) {
    return new RegistryConfig(
        insecureRegistries,
        dockerHubMirrors,
        downloads,
        attempts,
        initialBackoff,
        connectTimeout,
        stallTimeout);
  }

  public RegistryConfig withStallTimeout(Duration stall) {
    return new RegistryConfig(
        insecureRegistries,
        dockerHubMirrors,
        maxConcurrentDownloads,
        attempts,
        initialBackoff,
        connectTimeout,
        stall);
  }

  public RegistryConfig withRetries(int tries, Duration backoff) {
    return new RegistryConfig(
        insecureRegistries,
        dockerHubMirrors,
        maxConcurrentDownloads,
        tries,
        backoff,
        connectTimeout,
        stallTimeout);
  }
}
