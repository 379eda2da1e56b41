package dev.berth.runtime.server.service;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreateTemplate.HostConfig;
import dev.berth.runtime.api.ContainerCreateTemplate.MountTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.DeviceMapping;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.container.ResourceLimits;
import dev.berth.runtime.container.RestartPolicy;
import dev.berth.runtime.container.Ulimit;
import dev.berth.runtime.health.HealthcheckConfig;
import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.volume.MountRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a Docker create request into the engine's {@link ContainerSpec} (without its network, which
 * the service wires), checking every value on the way: a bad one is an INVALID_ARGUMENT naming the
 * field, an option berthd does not do is UNSUPPORTED.
 */
final class CreateTranslator {
  private static final Set<String> LOG_DRIVERS = Set.of("json-file", "local", "");

  private CreateTranslator() {}

  /** The image's run config in the container package's terms. */
  static ImageConfig imageConfig(dev.berth.runtime.image.ImageConfig image) {
    return new ImageConfig(
        image.env(),
        image.entrypoint(),
        image.cmd(),
        image.workingDir(),
        image.user(),
        image.stopSignal(),
        healthcheck(image.healthcheck()),
        image.volumes(),
        image.labels());
  }

  private static HealthcheckConfig healthcheck(Healthcheck h) {
    if (h == null || h.test().isEmpty()) {
      return null;
    }
    return new HealthcheckConfig(
        h.test(), h.interval(), h.timeout(), h.startPeriod(), h.startInterval(), h.retries());
  }

  /** The spec for {@code request} on {@code image} whose layers are {@code layers}. */
  static ContainerSpec.Builder translate(
      String name, ContainerCreateTemplate request, ImageConfig image, List<Path> layers)
      throws EngineException {
    HostConfig host =
        request.hostConfig() != null ? request.hostConfig() : HostConfig.autoRemoving(false);
    ContainerSpec.Builder b = ContainerSpec.builder(image, layers).name(name);
    List<String> entrypoint = request.entrypoint();
    if (entrypoint != null && !entrypoint.isEmpty()) {
      // [""] is docker's way of saying "no entrypoint", unlike null (the image's)
      b.entrypoint(entrypoint.equals(List.of("")) ? List.of() : entrypoint);
    }
    if (request.cmd() != null && !request.cmd().isEmpty()) {
      b.command(request.cmd());
    }
    orEmpty(request.env()).forEach(b::env);
    b.user(nonNull(request.user()))
        .workingDir(nonNull(request.workingDir()))
        .hostname(nonNull(request.hostname()))
        .domainname(nonNull(request.domainname()))
        .tty(request.tty())
        .stdinOpen(request.openStdin())
        .stdinOnce(request.openStdin() && request.stdinOnce())
        .stopSignal(nonNull(request.stopSignal()));
    if (request.stopTimeout() != null) {
      if (request.stopTimeout() < 0) {
        throw invalid("StopTimeout " + request.stopTimeout() + " is negative");
      }
      b.stopGracePeriod(Duration.ofSeconds(request.stopTimeout()));
    }
    if (request.healthcheck() != null && request.healthcheck().test() != null) {
      var h = request.healthcheck();
      b.healthcheck(
          new HealthcheckConfig(
              h.test(),
              Duration.ofNanos(h.interval()),
              Duration.ofNanos(h.timeout()),
              Duration.ofNanos(h.startPeriod()),
              Duration.ofNanos(h.startInterval()),
              h.retries()));
    }
    orEmpty(request.labels()).forEach(b::label);
    Set<String> mounted = hostTargets(host);
    for (String target : orEmpty(request.volumes()).keySet()) {
      if (!mounted.contains(target)) { // as dockerd: a mount there replaces the anonymous volume
        b.mount(mount(() -> MountRequest.volume("", target, false), "Volumes " + target));
      }
    }
    host(host, b);
    return b;
  }

  private static void host(HostConfig host, ContainerSpec.Builder b) throws EngineException {
    for (String bind : orEmpty(host.binds())) {
      b.mount(bind(bind));
    }
    for (MountTemplate m : orEmpty(host.mounts())) {
      b.mount(mount(m));
    }
    for (Map.Entry<String, String> tmpfs : orEmpty(host.tmpfs()).entrySet()) {
      String spec =
          tmpfs.getValue() == null || tmpfs.getValue().isEmpty()
              ? tmpfs.getKey()
              : tmpfs.getKey() + ":" + tmpfs.getValue();
      b.mount(MountRequest.parseTmpfs(spec));
    }
    if (!orEmpty(host.volumesFrom()).isEmpty()) {
      throw unsupported("HostConfig.VolumesFrom");
    }
    if (host.restartPolicy() != null) {
      String policy = nonNull(host.restartPolicy().name());
      if (policy.equals("on-failure") && host.restartPolicy().maximumRetryCount() > 0) {
        policy = policy + ":" + host.restartPolicy().maximumRetryCount();
      }
      b.restartPolicy(RestartPolicy.parse(policy));
      if (host.autoRemove() && !policy.isEmpty() && !policy.equals("no")) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "conflicting options: AutoRemove and restart policy \"" + policy + "\"");
      }
    }
    orEmpty(host.capAdd()).forEach(b::capAdd);
    orEmpty(host.capDrop()).forEach(b::capDrop);
    b.privileged(host.privileged()).readOnly(host.readonlyRootfs());
    for (String opt : orEmpty(host.securityOpt())) {
      if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges:true")) {
        b.noNewPrivileges(true);
      } else if (!opt.equals("no-new-privileges:false")) {
        throw unsupported("HostConfig.SecurityOpt \"" + opt + "\"");
      }
    }
    orEmpty(host.sysctls()).forEach(b::sysctl);
    for (var u : orEmpty(host.ulimits())) {
      if (u.name() == null || u.name().isEmpty()) {
        throw invalid("HostConfig.Ulimits: an entry has no Name");
      }
      b.ulimit(new Ulimit(u.name(), u.soft(), u.hard()));
    }
    if (host.memory() < 0 || host.nanoCpus() < 0 || host.cpuShares() < 0 || host.shmSize() < 0) {
      throw invalid("HostConfig: Memory, NanoCpus, CpuShares and ShmSize must not be negative");
    }
    // MemoryReservation is a soft limit the kernel only applies under pressure: accepted, advisory
    b.resources(
        new ResourceLimits(
            host.memory(),
            host.nanoCpus() / 1e9,
            host.pidsLimit() == null ? 0 : host.pidsLimit(),
            host.cpuShares()));
    b.shmSizeBytes(host.shmSize());
    for (var d : orEmpty(host.devices())) {
      String perms = nonNull(d.cgroupPermissions()).isEmpty() ? "rwm" : d.cgroupPermissions();
      String inside = nonNull(d.pathInContainer()).isEmpty() ? d.pathOnHost() : d.pathInContainer();
      b.device(DeviceMapping.parse(d.pathOnHost() + ":" + inside + ":" + perms));
    }
    orEmpty(host.groupAdd()).forEach(b::groupAdd);
    orEmpty(host.dns()).forEach(b::dns);
    b.init(Boolean.TRUE.equals(host.init()));
    b.runtime(
        nonNull(host.runtime()).equals("runc") || nonNull(host.runtime()).equals("crun")
            ? host.runtime()
            : runtime(host.runtime()));
    if (host.logConfig() != null && !LOG_DRIVERS.contains(nonNull(host.logConfig().type()))) {
      throw unsupported(
          "HostConfig.LogConfig.Type \""
              + host.logConfig().type()
              + "\" (berthd logs to files: json-file or local)");
    }
  }

  private static String runtime(String requested) throws EngineException {
    if (requested == null || requested.isEmpty()) {
      return "";
    }
    throw invalid(
        "HostConfig.Runtime \"" + requested + "\": unknown runtime (berthd has crun and runc)");
  }

  /** {@code SOURCE:TARGET[:OPTIONS]}: a host path (absolute) or a volume name. */
  static MountRequest bind(String bind) throws EngineException {
    String[] parts = bind.split(":");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
      throw invalid("HostConfig.Binds \"" + bind + "\": expected SOURCE:TARGET[:OPTIONS]");
    }
    boolean readOnly = false;
    String propagation = "";
    if (parts.length == 3) {
      for (String option : parts[2].split(",")) {
        switch (option) {
          case "ro" -> readOnly = true;
          case "rw", "z", "Z", "" -> {}
          case "shared", "rshared", "slave", "rslave", "private", "rprivate" ->
              propagation = option;
          case "nocopy" -> {}
          default ->
              throw invalid("HostConfig.Binds \"" + bind + "\": unknown option \"" + option + "\"");
        }
      }
    }
    String source = parts[0];
    String target = parts[1];
    MountRequest.Type type =
        source.startsWith("/") ? MountRequest.Type.BIND : MountRequest.Type.VOLUME;
    String finalPropagation = propagation;
    boolean ro = readOnly;
    return mount(
        () -> new MountRequest(type, source, target, ro, finalPropagation, false, 0, 0),
        "HostConfig.Binds \"" + bind + "\"");
  }

  private static MountRequest mount(MountTemplate m) throws EngineException {
    String type = nonNull(m.type());
    String what = "HostConfig.Mounts " + m.target();
    return switch (type) {
      case "bind" ->
          mount(
              () ->
                  new MountRequest(
                      MountRequest.Type.BIND,
                      m.source(),
                      m.target(),
                      m.readOnly(),
                      m.bindOptions() == null ? "" : m.bindOptions().propagation(),
                      false,
                      0,
                      0),
              what);
      case "volume" ->
          mount(
              () ->
                  new MountRequest(
                      MountRequest.Type.VOLUME,
                      m.source(),
                      m.target(),
                      m.readOnly(),
                      "",
                      m.volumeOptions() != null && m.volumeOptions().noCopy(),
                      0,
                      0),
              what);
      case "tmpfs" ->
          mount(
              () ->
                  new MountRequest(
                      MountRequest.Type.TMPFS,
                      "",
                      m.target(),
                      m.readOnly(),
                      "",
                      false,
                      m.tmpfsOptions() == null ? 0 : m.tmpfsOptions().sizeBytes(),
                      m.tmpfsOptions() == null ? 0 : m.tmpfsOptions().mode()),
              what);
      default -> throw unsupported("HostConfig.Mounts type \"" + type + "\"");
    };
  }

  /** Builds a mount, turning its constructor's complaints into a 400 naming the field. */
  private static MountRequest mount(MountSupplier supplier, String what) throws EngineException {
    try {
      return supplier.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid(what + ": " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface MountSupplier {
    MountRequest get();
  }

  static EngineException invalid(String message) {
    return new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid container config: " + message);
  }

  static EngineException unsupported(String what) {
    return new EngineException(ErrorKind.INVALID_ARGUMENT, "berthd does not support " + what);
  }

  static String nonNull(String text) {
    return Objects.requireNonNullElse(text, "");
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  /** The paths that HostConfig's Binds, Mounts and Tmpfs mount something at. */
  private static Set<String> hostTargets(ContainerCreateTemplate.HostConfig host) {
    Set<String> targets = new java.util.HashSet<>();
    if (host == null) {
      return targets;
    }
    for (String bind : orEmpty(host.binds())) {
      String[] parts = bind.split(":");
      if (parts.length >= 2) {
        targets.add(parts[1]);
      }
    }
    for (var m : orEmpty(host.mounts())) {
      targets.add(m.target());
    }
    targets.addAll(orEmpty(host.tmpfs()).keySet());
    return targets;
  }
}
