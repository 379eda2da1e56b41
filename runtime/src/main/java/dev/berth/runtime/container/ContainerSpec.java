package dev.berth.runtime.container;

import dev.berth.runtime.health.HealthcheckConfig;
import dev.berth.runtime.volume.MountRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: an image (its config and its root filesystem) plus everything Compose can say about
 * a container. {@code entrypoint} and {@code command} are null when not given, which differs from
 * empty (see {@link CommandMerger}); other unset values are empty or zero.
 */
public record ContainerSpec(
    String name,
    ImageConfig image,
    List<Path> imageLayers,
    List<String> entrypoint,
    List<String> command,
    List<String> env,
    String user,
    List<String> groupAdd,
    String workingDir,
    String hostname,
    String domainname,
    boolean tty,
    boolean stdinOpen,
    boolean stdinOnce,
    boolean init,
    String stopSignal,
    Duration stopGracePeriod,
    boolean readOnly,
    boolean privileged,
    List<String> capAdd,
    List<String> capDrop,
    boolean noNewPrivileges,
    List<Ulimit> ulimits,
    Map<String, String> sysctls,
    ResourceLimits resources,
    long shmSizeBytes,
    List<DeviceMapping> devices,
    NetworkAttachment network,
    List<String> extraHosts,
    List<String> dns,
    List<MountRequest> mounts,
    HealthcheckConfig healthcheck,
    RestartPolicy restartPolicy,
    String runtime,
    Map<String, String> labels) {

  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    imageLayers = List.copyOf(imageLayers);
    if (imageLayers.isEmpty()) {
      throw new IllegalArgumentException("an image needs at least one layer");
    }
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    command = command == null ? null : List.copyOf(command);
    env = List.copyOf(env);
    groupAdd = List.copyOf(groupAdd);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    ulimits = List.copyOf(ulimits);
    sysctls = Map.copyOf(sysctls);
    devices = List.copyOf(devices);
    extraHosts = List.copyOf(extraHosts);
    dns = List.copyOf(dns);
    mounts = List.copyOf(mounts);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(restartPolicy, "restartPolicy");
  }

  /** A builder for an image whose layers, lowest first, are directories. */
  public static Builder builder(ImageConfig image, List<Path> layers) {
    return new Builder(image, layers);
  }

  /** A builder starting from this spec. */
  public Builder toBuilder() {
    Builder b = new Builder(image, imageLayers);
    b.name = name;
    b.entrypoint = entrypoint;
    b.command = command;
    b.env = new ArrayList<>(env);
    b.user = user;
    b.groupAdd = new ArrayList<>(groupAdd);
    b.workingDir = workingDir;
    b.hostname = hostname;
    b.domainname = domainname;
    b.tty = tty;
    b.stdinOpen = stdinOpen;
    b.stdinOnce = stdinOnce;
    b.init = init;
    b.stopSignal = stopSignal;
    b.stopGracePeriod = stopGracePeriod;
    b.readOnly = readOnly;
    b.privileged = privileged;
    b.capAdd = new ArrayList<>(capAdd);
    b.capDrop = new ArrayList<>(capDrop);
    b.noNewPrivileges = noNewPrivileges;
    b.ulimits = new ArrayList<>(ulimits);
    b.sysctls = new LinkedHashMap<>(sysctls);
    b.resources = resources;
    b.shmSizeBytes = shmSizeBytes;
    b.devices = new ArrayList<>(devices);
    b.network = network;
    b.extraHosts = new ArrayList<>(extraHosts);
    b.dns = new ArrayList<>(dns);
    b.mounts = new ArrayList<>(mounts);
    b.healthcheck = healthcheck;
    b.restartPolicy = restartPolicy;
    b.runtime = runtime;
    b.labels = new LinkedHashMap<>(labels);
    return b;
  }

  /** Builds a {@link ContainerSpec}; every setter is optional. */
  public static final class Builder {
    private final ImageConfig image;
    private final List<Path> layers;
    private String name = "";
    private List<String> entrypoint;
    private List<String> command;
    private List<String> env = new ArrayList<>();
    private String user = "";
    private List<String> groupAdd = new ArrayList<>();
    private String workingDir = "";
    private String hostname = "";
    private String domainname = "";
    private boolean tty;
    private boolean stdinOpen;
    private boolean stdinOnce;
    private boolean init;
    private String stopSignal = "";
    private Duration stopGracePeriod;
    private boolean readOnly;
    private boolean privileged;
    private List<String> capAdd = new ArrayList<>();
    private List<String> capDrop = new ArrayList<>();
    private boolean noNewPrivileges;
    private List<Ulimit> ulimits = new ArrayList<>();
    private Map<String, String> sysctls = new LinkedHashMap<>();
    private ResourceLimits resources = ResourceLimits.NONE;
    private long shmSizeBytes;
    private List<DeviceMapping> devices = new ArrayList<>();
    private NetworkAttachment network = new NetworkAttachment.Loopback();
    private List<String> extraHosts = new ArrayList<>();
    private List<String> dns = new ArrayList<>();
    private List<MountRequest> mounts = new ArrayList<>();
    private HealthcheckConfig healthcheck;
    private RestartPolicy restartPolicy = RestartPolicy.NO;
    private String runtime = "";
    private Map<String, String> labels = new LinkedHashMap<>();

    private Builder(ImageConfig image, List<Path> layers) {
      this.image = image;
      this.layers = layers;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder entrypoint(List<String> value) {
      entrypoint = value;
      return this;
    }

    public Builder command(List<String> value) {
      command = value;
      return this;
    }

    public Builder command(String... value) {
      return command(List.of(value));
    }

    public Builder env(String... entries) {
      env.addAll(List.of(entries));
      return this;
    }

    public Builder user(String value) {
      user = value;
      return this;
    }

    public Builder groupAdd(String... groups) {
      groupAdd.addAll(List.of(groups));
      return this;
    }

    public Builder workingDir(String value) {
      workingDir = value;
      return this;
    }

    public Builder hostname(String value) {
      hostname = value;
      return this;
    }

    public Builder domainname(String value) {
      domainname = value;
      return this;
    }

    public Builder tty(boolean value) {
      tty = value;
      return this;
    }

    public Builder stdinOpen(boolean value) {
      stdinOpen = value;
      return this;
    }

    /**
     * Closes the container's stdin when the first attached client's stdin ends (Docker's
     * StdinOnce).
     */
    public Builder stdinOnce(boolean value) {
      stdinOnce = value;
      return this;
    }

    public Builder init(boolean value) {
      init = value;
      return this;
    }

    public Builder stopSignal(String value) {
      stopSignal = value;
      return this;
    }

    public Builder stopGracePeriod(Duration value) {
      stopGracePeriod = value;
      return this;
    }

    public Builder readOnly(boolean value) {
      readOnly = value;
      return this;
    }

    public Builder privileged(boolean value) {
      privileged = value;
      return this;
    }

    public Builder capAdd(String... caps) {
      capAdd.addAll(List.of(caps));
      return this;
    }

    public Builder capDrop(String... caps) {
      capDrop.addAll(List.of(caps));
      return this;
    }

    public Builder noNewPrivileges(boolean value) {
      noNewPrivileges = value;
      return this;
    }

    public Builder ulimit(Ulimit value) {
      ulimits.add(value);
      return this;
    }

    public Builder sysctl(String key, String value) {
      sysctls.put(key, value);
      return this;
    }

    public Builder resources(ResourceLimits value) {
      resources = value;
      return this;
    }

    public Builder shmSizeBytes(long value) {
      shmSizeBytes = value;
      return this;
    }

    public Builder device(DeviceMapping value) {
      devices.add(value);
      return this;
    }

    public Builder network(NetworkAttachment value) {
      network = value;
      return this;
    }

    public Builder extraHost(String hostColonAddress) {
      extraHosts.add(hostColonAddress);
      return this;
    }

    public Builder dns(String... servers) {
      dns.addAll(List.of(servers));
      return this;
    }

    public Builder mount(MountRequest value) {
      mounts.add(value);
      return this;
    }

    public Builder healthcheck(HealthcheckConfig value) {
      healthcheck = value;
      return this;
    }

    public Builder restartPolicy(RestartPolicy value) {
      restartPolicy = value;
      return this;
    }

    public Builder runtime(String value) {
      runtime = value;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(
          name,
          image,
          layers,
          entrypoint,
          command,
          env,
          user,
          groupAdd,
          workingDir,
          hostname,
          domainname,
          tty,
          stdinOpen,
          stdinOnce,
          init,
          stopSignal,
          stopGracePeriod,
          readOnly,
          privileged,
          capAdd,
          capDrop,
          noNewPrivileges,
          ulimits,
          sysctls,
          resources,
          shmSizeBytes,
          devices,
          network,
          extraHosts,
          dns,
          mounts,
          healthcheck,
          restartPolicy,
          runtime,
          labels);
    }
  }
}
