package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreateTemplate.PortBindingTemplate;
import dev.berth.runtime.api.ContainerInspectTemplate;
import dev.berth.runtime.api.ContainerSummaryTemplate;
import dev.berth.runtime.container.ContainerState;
import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.health.Health;
import dev.berth.runtime.health.HealthStatus;
import dev.berth.runtime.server.engine.ContainerDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a container's details in Docker's inspect and list shapes. */
final class ContainerViews {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ContainerViews() {}

  static ContainerInspectTemplate inspect(ContainerDetails d) {
    ContainerState s = d.state();
    List<String> path = d.path();
    ContainerInspectTemplate.Endpoint primary =
        endpoints(d).values().stream().findFirst().orElse(null);
    ContainerCreateTemplate request = d.request();
    return new ContainerInspectTemplate(
        d.id(),
        d.created().toString(),
        path.isEmpty() ? "" : path.get(0),
        path.isEmpty() ? List.of() : path.subList(1, path.size()),
        new ContainerInspectTemplate.State(
            s.status().dockerName(),
            s.running(),
            s.status() == ContainerStatus.PAUSED,
            s.status() == ContainerStatus.RESTARTING,
            s.oomKilled(),
            false,
            s.running() ? s.pid() : 0,
            s.exitCode(),
            "",
            s.startedAt().map(Instant::toString).orElse(ZERO_TIME),
            s.finishedAt().map(Instant::toString).orElse(ZERO_TIME),
            health(s.health())),
        d.imageId(),
        "",
        "",
        "",
        "",
        "/" + d.name(),
        s.restartCount(),
        "overlay2",
        "linux",
        "",
        "",
        "",
        request.hostConfig() != null
            ? request.hostConfig()
            : ContainerCreateTemplate.HostConfig.autoRemoving(false),
        mounts(d),
        withDefaultHostname(request, d.id()).withHostConfig(null),
        new ContainerInspectTemplate.NetworkSettings(
            "",
            d.id(),
            "",
            ports(d),
            primary == null ? "" : primary.endpointId(),
            primary == null ? "" : primary.gateway(),
            primary == null ? "" : primary.ipAddress(),
            primary == null ? 0 : primary.ipPrefixLen(),
            primary == null ? "" : primary.macAddress(),
            endpoints(d)));
  }

  /**
   * The request with the hostname the container got when it asked for none, as dockerd reports it:
   * the short id (or the host's name with {@code --network host}).
   */
  private static ContainerCreateTemplate withDefaultHostname(
      ContainerCreateTemplate request, String id) {
    if (request.hostname() != null && !request.hostname().isEmpty()) {
      return request;
    }
    boolean hostNetwork =
        request.hostConfig() != null && "host".equals(request.hostConfig().networkMode());
    return request.withHostname(hostNetwork ? hostName() : id.substring(0, 12));
  }

  private static String hostName() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
          .get(0)
          .strip();
    } catch (java.io.IOException | IndexOutOfBoundsException e) {
      return "";
    }
  }

  static ContainerSummaryTemplate summary(ContainerDetails d, Instant now) {
    List<ContainerSummaryTemplate.Port> ports = new ArrayList<>();
    for (ContainerDetails.Port p : d.ports()) {
      ports.add(
          new ContainerSummaryTemplate.Port(
              p.hostPort() == 0 ? null : p.hostIp(),
              p.containerPort(),
              p.hostPort() == 0 ? null : p.hostPort(),
              p.protocol()));
    }
    String image = d.request().image();
    String mode =
        d.request().hostConfig() == null || d.request().hostConfig().networkMode() == null
            ? "default"
            : d.request().hostConfig().networkMode();
    return new ContainerSummaryTemplate(
        d.id(),
        List.of("/" + d.name()),
        image,
        d.imageId(),
        String.join(" ", d.path()),
        d.created().getEpochSecond(),
        ports,
        d.request().labels() == null ? Map.of() : d.request().labels(),
        d.state().status().dockerName(),
        status(d.state(), now),
        new ContainerSummaryTemplate.HostConfig(mode),
        new ContainerSummaryTemplate.NetworkSettings(endpoints(d)),
        mounts(d));
  }

  /** {@code Up 3 seconds}, {@code Exited (0) 2 minutes ago}, as {@code docker ps} shows. */
  static String status(ContainerState s, Instant now) {
    return switch (s.status()) {
      case CREATED -> "Created";
      case RUNNING, PAUSED ->
          "Up "
              + human(Duration.between(s.startedAt().orElse(now), now))
              + (s.status() == ContainerStatus.PAUSED ? " (Paused)" : "")
              + healthSuffix(s.health());
      case RESTARTING ->
          "Restarting ("
              + s.exitCode()
              + ") "
              + human(Duration.between(s.finishedAt().orElse(now), now))
              + " ago";
      case EXITED ->
          "Exited ("
              + s.exitCode()
              + ") "
              + human(Duration.between(s.finishedAt().orElse(now), now))
              + " ago";
    };
  }

  private static String healthSuffix(Health health) {
    if (health == null || health.status() == HealthStatus.NONE) {
      return "";
    }
    return health.status() == HealthStatus.STARTING
        ? " (health: starting)"
        : " (" + health.status().dockerName() + ")";
  }

  private static String human(Duration d) {
    long seconds = Math.max(0, d.getSeconds());
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes == 1 ? "About a minute" : minutes + " minutes";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours == 1 ? "About an hour" : hours + " hours";
    }
    return hours / 24 + " days";
  }

  private static ContainerInspectTemplate.Health health(Health health) {
    if (health == null || health.status() == HealthStatus.NONE) {
      return null;
    }
    return new ContainerInspectTemplate.Health(
        health.status().dockerName(),
        health.failingStreak(),
        health.log().stream()
            .map(
                r ->
                    new ContainerInspectTemplate.HealthLog(
                        r.start().toString(), r.end().toString(), r.exitCode(), r.output()))
            .toList());
  }

  private static Map<String, List<PortBindingTemplate>> ports(ContainerDetails d) {
    Map<String, List<PortBindingTemplate>> ports = new LinkedHashMap<>();
    for (ContainerDetails.Port p : d.ports()) {
      String key = p.containerPort() + "/" + p.protocol();
      if (p.hostPort() == 0) {
        ports.putIfAbsent(key, null);
      } else {
        List<PortBindingTemplate> bindings = ports.get(key);
        bindings = bindings == null ? new ArrayList<>() : bindings;
        bindings.add(new PortBindingTemplate(p.hostIp(), Integer.toString(p.hostPort())));
        ports.put(key, bindings);
      }
    }
    return ports;
  }

  private static Map<String, ContainerInspectTemplate.Endpoint> endpoints(ContainerDetails d) {
    Map<String, ContainerInspectTemplate.Endpoint> networks = new LinkedHashMap<>();
    for (Map.Entry<String, ContainerDetails.Endpoint> e : d.networks().entrySet()) {
      ContainerDetails.Endpoint n = e.getValue();
      networks.put(
          e.getKey(),
          new ContainerInspectTemplate.Endpoint(
              null,
              null,
              n.aliases(),
              n.macAddress(),
              n.networkId(),
              n.endpointId(),
              n.gateway(),
              n.ipAddress(),
              n.prefixLength(),
              "",
              "",
              0,
              n.aliases()));
    }
    return networks;
  }

  private static List<ContainerInspectTemplate.MountPoint> mounts(ContainerDetails d) {
    return d.mounts().stream()
        .map(
            m ->
                new ContainerInspectTemplate.MountPoint(
                    m.type(), m.name(), m.source(), m.destination(), "", m.readWrite(), ""))
        .toList();
  }
}
