package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.EngineVersion;
import dev.berth.runtime.api.InfoTemplate;
import dev.berth.runtime.api.VersionTemplate;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.server.engine.ContainerCounts;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /_ping}, {@code /version} and {@code /info}: who berthd is and what host it runs on. */
public final class SystemEndpoints implements Endpoints {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final EngineIdentity identity;
  private final HostFacts host;
  private final Supplier<ContainerCounts> containers;
  private final EventBus events;
  private final RegistryConfig registry;

  public SystemEndpoints(
      EngineIdentity identity,
      HostFacts host,
      Supplier<ContainerCounts> containers,
      EventBus events,
      RegistryConfig registry) {
    this.identity = identity;
    this.host = host;
    this.containers = containers;
    this.events = events;
    this.registry = registry;
  }

  /**
   * The registry settings as dockerd's {@code /info} shows them (the docker CLI prints "Insecure
   * Registries" and "Registry Mirrors" from these): loopback is always insecure.
   */
  private InfoTemplate.RegistryConfig registryInfo() {
    Map<String, Object> indexes = new java.util.LinkedHashMap<>();
    indexes.put(
        "docker.io",
        Map.of(
            "Name",
            "docker.io",
            "Mirrors",
            registry.dockerHubMirrors().stream().map(m -> m + "/").toList(),
            "Secure",
            true,
            "Official",
            true));
    for (String host : registry.insecureRegistries()) {
      indexes.put(
          host, Map.of("Name", host, "Mirrors", List.of(), "Secure", false, "Official", false));
    }
    return new InfoTemplate.RegistryConfig(
        List.of("127.0.0.0/8"),
        indexes,
        registry.dockerHubMirrors().stream().map(m -> m + "/").toList());
  }

  @Override
  public void register(Routes routes) {
    routes.get("/_ping", this::ping).head("/_ping", this::pingHead);
    routes.get("/version", this::version);
    routes.get("/info", this::info);
  }

  private void ping(ApiRequest request, ApiResponse response) {
    classicBuilder(noCache(response)).text(200, TEXT, "OK");
  }

  private void pingHead(ApiRequest request, ApiResponse response) {
    classicBuilder(noCache(response)).header("Content-Type", TEXT).empty(200);
  }

  /**
   * {@code Builder-Version: 1}: berthd builds with the classic builder, so the docker CLI uses it
   * without {@code DOCKER_BUILDKIT=0} (it would otherwise want the buildx plugin).
   */
  private static ApiResponse classicBuilder(ApiResponse response) {
    return response.header("Builder-Version", "1");
  }

  private static ApiResponse noCache(ApiResponse response) {
    return response
        .header("Cache-Control", "no-cache, no-store, must-revalidate")
        .header("Pragma", "no-cache");
  }

  private void version(ApiRequest request, ApiResponse response) {
    String version = BerthVersion.version();
    Map<String, String> details =
        Map.of(
            "ApiVersion", ApiVersion.CURRENT.toString(),
            "MinAPIVersion", ApiVersion.MINIMUM.toString(),
            "Os", "linux",
            "Arch", host.goArch(),
            "KernelVersion", host.kernelVersion());
    response.json(
        200,
        new VersionTemplate(
            new VersionTemplate.Platform("berth"),
            List.of(new VersionTemplate.Component(EngineVersion.BERTHD, version, details)),
            version,
            ApiVersion.CURRENT.toString(),
            ApiVersion.MINIMUM.toString(),
            "",
            "java " + Runtime.version().feature(),
            "linux",
            host.goArch(),
            host.kernelVersion(),
            ""));
  }

  private void info(ApiRequest request, ApiResponse response) {
    ContainerCounts counts = containers.get();
    response.json(
        200,
        new InfoTemplate(
            identity.id(),
            identity.name(),
            BerthVersion.version(),
            counts.total(),
            counts.running(),
            counts.paused(),
            counts.stopped(),
            0,
            "overlayfs",
            List.of(),
            new InfoTemplate.Plugins(
                List.of("local"), List.of("bridge", "host", "null"), null, List.of("json-file")),
            true,
            false,
            true,
            true,
            true,
            true,
            true,
            true,
            false,
            openFiles(),
            Thread.activeCount(),
            Instant.now().toString(),
            "json-file",
            "cgroupfs",
            host.cgroupVersion(),
            events.listeners(),
            host.kernelVersion(),
            host.operatingSystem(),
            host.osVersion(),
            "linux",
            host.machine(),
            "https://index.docker.io/v1/",
            registryInfo(),
            host.cpus(),
            host.memTotal(),
            identity.root().toString(),
            List.of(),
            false,
            runtimes(),
            host.defaultRuntime(),
            new InfoTemplate.Swarm("", "", "inactive", false, ""),
            true,
            "",
            "",
            List.of(),
            host.lacks()));
  }

  private Map<String, InfoTemplate.Runtime> runtimes() {
    Map<String, InfoTemplate.Runtime> runtimes = new java.util.LinkedHashMap<>();
    host.ociRuntimes().forEach(name -> runtimes.put(name, new InfoTemplate.Runtime(name)));
    return runtimes;
  }

  private static int openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }
}
