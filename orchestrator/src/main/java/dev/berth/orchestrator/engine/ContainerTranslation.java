package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.ContainerConfigTemplate;
import dev.berth.runtime.api.ContainerInspectTemplate;
import dev.berth.runtime.api.ContainerSummaryTemplate;
import dev.berth.runtime.api.HealthConfigTemplate;
import dev.berth.runtime.api.HostConfigTemplate;
import dev.berth.runtime.api.MountTemplate;
import dev.berth.runtime.api.NetworkConnectTemplate;
import dev.berth.runtime.api.NetworkingConfigTemplate;
import dev.berth.runtime.api.PortBindingTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between the domain records of this package and the Docker API's wire templates. */
final class ContainerTranslation {
  private ContainerTranslation() {}

  static ContainerInfo info(ContainerSummaryTemplate c) {
    String name = c.names() == null || c.names().isEmpty() ? c.id() : c.names().get(0);
    List<ContainerInfo.Port> ports = new ArrayList<>();
    if (c.ports() != null) {
      for (ContainerSummaryTemplate.Port p : c.ports()) {
        ports.add(new ContainerInfo.Port(p.ip(), p.publicPort(), p.privatePort(), p.type()));
      }
    }
    return new ContainerInfo(
        c.id(),
        name.startsWith("/") ? name.substring(1) : name,
        c.image(),
        c.command() == null ? "" : c.command(),
        c.created(),
        c.state() == null ? "" : c.state(),
        c.status() == null ? "" : c.status(),
        c.labels() == null ? Map.of() : c.labels(),
        ports);
  }

  static ContainerState state(ContainerInspectTemplate t) {
    ContainerInspectTemplate.State s = t.state();
    String health = "";
    List<String> probes = new ArrayList<>();
    if (s.health() != null) {
      health = s.health().status();
      if (s.health().log() != null) {
        s.health().log().forEach(p -> probes.add(p.output() == null ? "" : p.output()));
      }
    }
    String name = t.name() == null ? t.id() : t.name().replaceFirst("^/", "");
    Map<String, String> volumes = new LinkedHashMap<>();
    if (t.mounts() != null) {
      for (ContainerInspectTemplate.MountPoint m : t.mounts()) {
        if ("volume".equals(m.type()) && m.name() != null && m.destination() != null) {
          volumes.put(m.destination(), m.name());
        }
      }
    }
    return new ContainerState(
        t.id(),
        name,
        s.status(),
        s.exitCode(),
        health,
        probes,
        t.config() != null && t.config().tty(),
        volumes);
  }

  static ContainerConfigTemplate config(ContainerSpec s) {
    Map<String, Map<String, String>> exposed = new LinkedHashMap<>();
    s.exposedPorts().forEach(p -> exposed.put(p, Map.of()));
    Map<String, List<PortBindingTemplate>> bindings = new LinkedHashMap<>();
    for (ContainerSpec.PublishedPort p : s.ports()) {
      String key = p.containerPort() + "/" + p.protocol();
      exposed.put(key, Map.of());
      bindings
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new PortBindingTemplate(p.hostIp(), p.hostPort()));
    }
    List<MountTemplate> mounts = new ArrayList<>();
    s.mounts()
        .forEach(
            m -> mounts.add(new MountTemplate(m.type(), m.source(), m.target(), m.readOnly())));
    HostOptions o = s.options();
    HostOptions.Resources r = o.resources();
    HostConfigTemplate host =
        new HostConfigTemplate(
            mounts,
            bindings,
            s.restart() == null
                ? null
                : new HostConfigTemplate.RestartPolicyTemplate(
                    s.restart().name(), s.restart().maxRetries()),
            networkMode(s),
            s.autoRemove() ? Boolean.TRUE : null,
            s.init() ? Boolean.TRUE : null,
            s.privileged() ? Boolean.TRUE : null,
            s.readOnly() ? Boolean.TRUE : null,
            nullIfEmpty(s.capAdd()),
            nullIfEmpty(s.capDrop()),
            nullIfEmpty(s.extraHosts()),
            o.tmpfs().isEmpty() ? null : o.tmpfs(),
            o.shmSize(),
            null,
            nullIfEmpty(o.dns()),
            nullIfEmpty(o.dnsSearch()),
            nullIfEmpty(o.dnsOptions()),
            o.sysctls().isEmpty() ? null : o.sysctls(),
            nullIfEmpty(
                o.ulimits().stream()
                    .map(u -> new HostConfigTemplate.UlimitTemplate(u.name(), u.soft(), u.hard()))
                    .toList()),
            r.memory(),
            r.memoryReservation(),
            r.memorySwap(),
            r.memorySwappiness(),
            r.nanoCpus(),
            r.cpuShares(),
            r.cpuQuota(),
            r.cpuPeriod(),
            r.cpusetCpus(),
            r.pidsLimit(),
            nullIfEmpty(o.groupAdd()),
            nullIfEmpty(
                o.devices().stream()
                    .map(
                        d ->
                            new HostConfigTemplate.DeviceTemplate(
                                d.source(), d.target(), d.permissions()))
                    .toList()),
            nullIfEmpty(o.securityOpt()),
            o.oomScoreAdj(),
            o.logging() == null
                ? null
                : new HostConfigTemplate.LogConfigTemplate(
                    o.logging().driver(),
                    o.logging().options().isEmpty() ? null : o.logging().options()),
            o.runtime(),
            nullIfEmpty(o.links()),
            nullIfEmpty(o.volumesFrom()),
            o.ipc(),
            o.pid(),
            o.uts());
    NetworkingConfigTemplate networking = null;
    if (!s.networks().isEmpty()) {
      // API versions before 1.44 take one endpoint at create; the others are connected after
      Map.Entry<String, List<String>> first = s.networks().entrySet().iterator().next();
      networking =
          new NetworkingConfigTemplate(
              Map.of(
                  first.getKey(),
                  new NetworkingConfigTemplate.EndpointTemplate(
                      first.getValue(),
                      nullIfEmpty(o.links()),
                      s.ipv4Addresses().containsKey(first.getKey())
                          ? new NetworkConnectTemplate.IpamConfig(
                              s.ipv4Addresses().get(first.getKey()))
                          : null)));
    }
    return new ContainerConfigTemplate(
        s.image(),
        s.hostname(),
        s.user(),
        s.env(),
        s.command(),
        s.entrypoint(),
        s.workingDir(),
        s.labels(),
        exposed.isEmpty() ? null : exposed,
        health(s.healthcheck()),
        s.stopSignal(),
        s.stopGracePeriod() == null ? null : (int) s.stopGracePeriod().toSeconds(),
        s.tty(),
        s.stdinOpen(),
        s.attachStdin() ? Boolean.TRUE : null,
        s.attachStdin() ? Boolean.TRUE : null,
        true,
        true,
        host,
        networking,
        o.domainname(),
        o.macAddress());
  }

  private static HealthConfigTemplate health(ContainerSpec.Healthcheck h) {
    if (h == null) {
      return null;
    }
    return new HealthConfigTemplate(
        h.test(),
        nanos(h.interval()),
        nanos(h.timeout()),
        h.retries(),
        nanos(h.startPeriod()),
        nanos(h.startInterval()));
  }

  private static Long nanos(Duration d) {
    return d == null ? null : d.toNanos();
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  /**
   * As docker compose: a container's network mode names its first network, so the engine attaches
   * it there (and not also to the default bridge); {@code network_mode} wins when given.
   */
  private static String networkMode(ContainerSpec s) {
    if (s.networkMode() != null || s.networks().isEmpty()) {
      return s.networkMode();
    }
    return s.networks().keySet().iterator().next();
  }
}
