package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.loader.ServiceHash;
import dev.berth.orchestrator.loader.Units;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.PortBinding;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The container a replica of a service is created with, as Docker Compose v2 creates it. */
public final class ContainerSpecs {
  private ContainerSpecs() {}

  /** The spec of replica {@code number} of {@code service}, whose image has id {@code imageId}. */
  public static ContainerSpec of(Project project, Service service, int number, String imageId)
      throws BerthException {
    MapNode a = service.attributes();
    String image = service.image().orElseThrow(() -> noImage(service));
    Map<String, String> labels = new LinkedHashMap<>(Attrs.strings(a, "labels"));
    labels.putAll(serviceLabels(project, service, number, imageId));
    return new ContainerSpec(
        image,
        Attrs.list(a, "entrypoint"),
        Attrs.list(a, "command"),
        environment(a),
        Attrs.text(a, "working_dir").orElse(null),
        Attrs.text(a, "user").orElse(null),
        Attrs.text(a, "hostname").orElse(null),
        labels,
        exposed(a),
        published(service),
        Mounts.of(project, service),
        restart(a),
        healthcheck(service),
        Attrs.text(a, "network_mode").map(m -> networkMode(project, m)).orElse(null),
        networks(project, service),
        ipv4Addresses(project, service),
        extraHosts(a),
        orEmpty(Attrs.list(a, "cap_add")),
        orEmpty(Attrs.list(a, "cap_drop")),
        Attrs.isTrue(a, "init"),
        Attrs.isTrue(a, "privileged"),
        Attrs.isTrue(a, "read_only"),
        Attrs.isTrue(a, "tty"),
        Attrs.isTrue(a, "stdin_open"),
        false,
        false,
        Attrs.text(a, "stop_signal").orElse(null),
        Attrs.text(a, "stop_grace_period").map(ContainerSpecs::duration).orElse(null),
        Mounts.injected(project, service),
        HostOptionSpecs.of(project, service));
  }

  /**
   * The spec of a one-off {@code run} container of {@code service}: labelled {@code oneoff=True},
   * no restart policy, no published ports unless asked, aliases only when asked.
   */
  public static ContainerSpec oneOff(
      Project project, Service service, String imageId, RunOverrides o) throws BerthException {
    ContainerSpec base = of(project, service, 1, imageId);
    Map<String, String> labels = new LinkedHashMap<>(base.labels());
    labels.put(Labels.ONEOFF, "True");
    labels.remove(Labels.NUMBER);
    labels.putAll(o.labels());
    List<String> env = new ArrayList<>(base.env());
    env.addAll(o.env());
    Map<String, List<String>> networks = new LinkedHashMap<>();
    base.networks().forEach((k, v) -> networks.put(k, o.useAliases() ? v : List.of()));
    return new ContainerSpec(
        base.image(),
        o.entrypoint() != null ? o.entrypoint() : base.entrypoint(),
        o.command() != null ? o.command() : base.command(),
        env,
        o.workingDir() != null ? o.workingDir() : base.workingDir(),
        o.user() != null ? o.user() : base.user(),
        base.hostname(),
        labels,
        base.exposedPorts(),
        o.servicePorts() ? base.ports() : List.of(),
        base.mounts(),
        null,
        base.healthcheck(),
        base.networkMode(),
        networks,
        Map.of(), // a one-off would collide with the service's container on a static address
        base.extraHosts(),
        base.capAdd(),
        base.capDrop(),
        base.init(),
        base.privileged(),
        base.readOnly(),
        false,
        o.interactive(),
        o.interactive(),
        false,
        base.stopSignal(),
        base.stopGracePeriod(),
        base.files(),
        base.options());
  }

  /**
   * {@code spec} with its anonymous volumes (volume mounts without a source) bound to the volumes
   * {@code previous} had at the same mount points.
   */
  public static ContainerSpec withAnonymousVolumes(
      ContainerSpec spec, Map<String, String> previous) {
    if (previous.isEmpty()) {
      return spec;
    }
    List<ContainerSpec.Mount> mounts = new ArrayList<>();
    for (ContainerSpec.Mount m : spec.mounts()) {
      if (m.type().equals("volume") && m.source() == null && previous.containsKey(m.target())) {
        mounts.add(
            new ContainerSpec.Mount("volume", previous.get(m.target()), m.target(), m.readOnly()));
      } else {
        mounts.add(m);
      }
    }
    return new ContainerSpec(
        spec.image(),
        spec.entrypoint(),
        spec.command(),
        spec.env(),
        spec.workingDir(),
        spec.user(),
        spec.hostname(),
        spec.labels(),
        spec.exposedPorts(),
        spec.ports(),
        mounts,
        spec.restart(),
        spec.healthcheck(),
        spec.networkMode(),
        spec.networks(),
        spec.ipv4Addresses(),
        spec.extraHosts(),
        spec.capAdd(),
        spec.capDrop(),
        spec.init(),
        spec.privileged(),
        spec.readOnly(),
        spec.tty(),
        spec.stdinOpen(),
        spec.attachStdin(),
        spec.autoRemove(),
        spec.stopSignal(),
        spec.stopGracePeriod(),
        spec.files(),
        spec.options());
  }

  /** The labels compose puts on every container of {@code service}. */
  public static Map<String, String> serviceLabels(
      Project project, Service service, int number, String imageId) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.PROJECT, project.name());
    labels.put(Labels.SERVICE, service.name());
    labels.put(Labels.NUMBER, Integer.toString(number));
    labels.put(Labels.ONEOFF, "False");
    labels.put(Labels.CONFIG_HASH, ServiceHash.of(service.attributes()));
    labels.put(Labels.WORKING_DIR, project.workingDir().toString());
    labels.put(
        Labels.CONFIG_FILES,
        project.configFiles().stream().map(Path::toString).collect(Collectors.joining(",")));
    labels.put(Labels.DEPENDS_ON, dependsOn(service));
    labels.put(Labels.IMAGE, imageId == null ? "" : imageId);
    labels.put(Labels.VERSION, BerthVersion.version());
    return labels;
  }

  /** How many containers the service runs: {@code scale}, else {@code deploy.replicas}, else 1. */
  public static int replicas(Service service) {
    MapNode a = service.attributes();
    String n =
        Attrs.text(a, "scale").or(() -> Attrs.text(Attrs.map(a, "deploy"), "replicas")).orElse("1");
    return Integer.parseInt(n);
  }

  private static String dependsOn(Service service) {
    List<String> out = new ArrayList<>();
    for (Dependency d : service.dependsOn()) {
      out.add(d.service() + ":" + d.condition().composeName() + ":" + d.restart());
    }
    return String.join(",", out);
  }

  private static List<String> environment(MapNode a) {
    List<String> out = new ArrayList<>();
    Attrs.strings(a, "environment").forEach((k, v) -> out.add(v == null ? k : k + "=" + v));
    return out;
  }

  private static List<String> exposed(MapNode a) {
    List<String> out = new ArrayList<>();
    List<String> expose = Attrs.list(a, "expose");
    if (expose != null) {
      for (String e : expose) {
        out.add(e.contains("/") ? e : e + "/tcp");
      }
    }
    return out;
  }

  private static List<ContainerSpec.PublishedPort> published(Service service) {
    List<ContainerSpec.PublishedPort> out = new ArrayList<>();
    for (PortBinding p : service.ports()) {
      out.add(new ContainerSpec.PublishedPort(p.hostIp(), p.published(), p.target(), p.protocol()));
    }
    return out;
  }

  private static ContainerSpec.RestartPolicy restart(MapNode a) {
    String r = Attrs.text(a, "restart").orElse("no");
    if (r.startsWith("on-failure:")) {
      return new ContainerSpec.RestartPolicy(
          "on-failure", Integer.parseInt(r.substring("on-failure:".length())));
    }
    return new ContainerSpec.RestartPolicy(r.equals("no") ? "" : r, 0);
  }

  private static ContainerSpec.Healthcheck healthcheck(Service service) throws BerthException {
    MapNode h = Attrs.map(service.attributes(), "healthcheck");
    if (h == null) {
      return null;
    }
    if (Attrs.isTrue(h, "disable")) {
      return new ContainerSpec.Healthcheck(List.of("NONE"), null, null, null, null, null);
    }
    List<String> test = Attrs.list(h, "test");
    if (test == null) {
      test = Attrs.text(h, "test").map(t -> List.of("CMD-SHELL", t)).orElse(null);
    }
    return new ContainerSpec.Healthcheck(
        test,
        Attrs.text(h, "interval").map(ContainerSpecs::duration).orElse(null),
        Attrs.text(h, "timeout").map(ContainerSpecs::duration).orElse(null),
        Attrs.text(h, "retries").map(Integer::parseInt).orElse(null),
        Attrs.text(h, "start_period").map(ContainerSpecs::duration).orElse(null),
        Attrs.text(h, "start_interval").map(ContainerSpecs::duration).orElse(null));
  }

  private static String networkMode(Project project, String mode) {
    if (mode.startsWith("service:")) {
      // the container of that service, as compose resolves it at create time
      return "container:" + Labels.containerName(project.name(), mode.substring(8), 1);
    }
    return mode;
  }

  private static Map<String, List<String>> networks(Project project, Service service) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    MapNode nets = Attrs.map(service.attributes(), "networks");
    if (nets == null || Attrs.text(service.attributes(), "network_mode").isPresent()) {
      return out;
    }
    for (Map.Entry<String, Node> e : nets.entries().entrySet()) {
      List<String> aliases = new ArrayList<>();
      aliases.add(service.name());
      if (e.getValue() instanceof MapNode m && Attrs.list(m, "aliases") != null) {
        aliases.addAll(Attrs.list(m, "aliases"));
      }
      out.put(networkName(project, e.getKey()), aliases);
    }
    return out;
  }

  /** {@code networks.<key>.ipv4_address} by the network's engine name. */
  private static Map<String, String> ipv4Addresses(Project project, Service service) {
    Map<String, String> out = new LinkedHashMap<>();
    MapNode nets = Attrs.map(service.attributes(), "networks");
    if (nets == null || Attrs.text(service.attributes(), "network_mode").isPresent()) {
      return out;
    }
    for (Map.Entry<String, Node> e : nets.entries().entrySet()) {
      if (e.getValue() instanceof MapNode m) {
        Attrs.text(m, "ipv4_address")
            .ifPresent(address -> out.put(networkName(project, e.getKey()), address));
      }
    }
    return out;
  }

  /** The engine name of network {@code key}: its {@code name}, else {@code <project>_<key>}. */
  public static String networkName(Project project, String key) {
    return Attrs.text(Attrs.map(project.section("networks"), key), "name")
        .orElse(project.name() + "_" + key);
  }

  /** The engine name of volume {@code key}: its {@code name}, else {@code <project>_<key>}. */
  public static String volumeName(Project project, String key) {
    return Attrs.text(Attrs.map(project.section("volumes"), key), "name")
        .orElse(project.name() + "_" + key);
  }

  private static List<String> extraHosts(MapNode a) {
    List<String> out = new ArrayList<>();
    List<String> hosts = Attrs.list(a, "extra_hosts");
    if (hosts != null) {
      hosts.forEach(h -> out.add(h.replaceFirst("=", ":")));
    } else {
      Attrs.strings(a, "extra_hosts").forEach((k, v) -> out.add(k + ":" + v));
    }
    return out;
  }

  private static Duration duration(String text) {
    return Duration.ofNanos(Units.parseDuration(text));
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  private static BerthException noImage(Service service) {
    return new BerthException(
        ErrorKind.UNSUPPORTED,
        "service \"" + service.name() + "\" has neither an image nor a build section");
  }
}
