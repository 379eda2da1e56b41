package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.oci.CapabilitySet;
import dev.berth.runtime.oci.DockerDefaults;
import dev.berth.runtime.oci.RuntimeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a {@link ContainerSpec} and its {@link BundleInputs} into the OCI {@code config.json}. */
public final class SpecGenerator {
  private final HostFacts host;

  public SpecGenerator(HostFacts host) {
    this.host = host;
  }

  /** The runtime spec for the container. */
  public RuntimeSpec generate(ContainerSpec spec, BundleInputs in) throws EngineException {
    return new RuntimeSpec(
        RuntimeSpec.VERSION,
        process(spec, in),
        new RuntimeSpec.Root(in.rootfs().toString(), spec.readOnly()),
        in.hostname(),
        spec.domainname().isEmpty() ? null : spec.domainname(),
        mounts(spec, in),
        linux(spec, in),
        Map.of("dev.berth.container.name", spec.name()));
  }

  private RuntimeSpec.Process process(ContainerSpec spec, BundleInputs in) throws EngineException {
    List<String> caps =
        CapabilitySet.resolve(
            host.capabilityBounding(), spec.privileged(), spec.capAdd(), spec.capDrop());
    List<String> args = new ArrayList<>();
    if (spec.init()) {
      args.addAll(List.of("/dev/init", "--"));
    }
    args.addAll(in.args());
    ResolvedUser user = in.user();
    return new RuntimeSpec.Process(
        spec.tty(),
        new RuntimeSpec.User(
            user.uid(), user.gid(), user.additionalGids().isEmpty() ? null : user.additionalGids()),
        args,
        in.env(),
        in.cwd(),
        new RuntimeSpec.Capabilities(caps, caps, List.of(), caps, List.of()),
        rlimits(spec),
        spec.noNewPrivileges(),
        null);
  }

  private List<RuntimeSpec.Rlimit> rlimits(ContainerSpec spec) throws EngineException {
    List<RuntimeSpec.Rlimit> rlimits = new ArrayList<>();
    for (Ulimit u : spec.ulimits()) {
      Long hostHard = host.hardLimits().get(u.name());
      if (hostHard == null) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "unknown ulimit \"" + u.name() + "\"");
      }
      if (u.soft() > u.hard()) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "ulimits." + u.name() + ": soft limit " + u.soft() + " exceeds hard " + u.hard());
      }
      if (hostHard >= 0 && (u.hard() > hostHard || u.hard() < 0)) {
        throw new EngineException(
            ErrorKind.UNSUPPORTED,
            "ulimits."
                + u.name()
                + ": hard limit "
                + u.hard()
                + " exceeds this host's "
                + hostHard
                + " (raising it needs CAP_SYS_RESOURCE)");
      }
      rlimits.add(new RuntimeSpec.Rlimit(u.rlimitType(), u.hard(), u.soft()));
    }
    return rlimits.isEmpty() ? null : rlimits;
  }

  private List<RuntimeSpec.Mount> mounts(ContainerSpec spec, BundleInputs in) {
    long shm = spec.shmSizeBytes() > 0 ? spec.shmSizeBytes() : DockerDefaults.SHM_SIZE;
    List<RuntimeSpec.Mount> mounts = new ArrayList<>(DockerDefaults.mounts(shm, spec.privileged()));
    String etcMode = spec.readOnly() ? "ro" : "rw";
    for (String file : List.of("hosts", "hostname", "resolv.conf")) {
      mounts.add(
          new RuntimeSpec.Mount(
              "/etc/" + file,
              "bind",
              in.etcDir().resolve(file).toString(),
              List.of("rbind", "rprivate", etcMode)));
    }
    if (spec.init()) {
      mounts.add(
          new RuntimeSpec.Mount(
              "/dev/init", "bind", in.init().toString(), List.of("bind", "ro", "nosuid")));
    }
    List<RuntimeSpec.Mount> volumes = new ArrayList<>(in.volumeMounts());
    volumes.sort(Comparator.comparingInt(m -> Path.of(m.destination()).getNameCount()));
    mounts.addAll(volumes);
    return mounts;
  }

  private RuntimeSpec.Linux linux(ContainerSpec spec, BundleInputs in) throws EngineException {
    List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      namespaces.add(new RuntimeSpec.Namespace(type, null));
    }
    NetworkAttachment network = spec.network();
    if (network instanceof NetworkAttachment.Joined joined) {
      namespaces.add(new RuntimeSpec.Namespace("network", joined.namespace().toString()));
    } else if (!(network instanceof NetworkAttachment.Host)) {
      namespaces.add(new RuntimeSpec.Namespace("network", null));
    }
    validateSysctls(spec);
    List<RuntimeSpec.DeviceRule> rules =
        new ArrayList<>(
            spec.privileged()
                ? List.of(new RuntimeSpec.DeviceRule(true, null, null, null, "rwm"))
                : DockerDefaults.deviceRules());
    List<RuntimeSpec.Device> devices = new ArrayList<>();
    for (DeviceMapping mapping : spec.devices()) {
      RuntimeSpec.Device device = device(mapping);
      devices.add(device);
      rules.add(
          new RuntimeSpec.DeviceRule(
              true, device.type(), device.major(), device.minor(), mapping.permissions()));
    }
    return new RuntimeSpec.Linux(
        namespaces,
        resources(spec, rules),
        in.cgroupsPath(),
        spec.sysctls().isEmpty() ? null : spec.sysctls(),
        devices.isEmpty() ? null : devices,
        spec.privileged() ? null : DockerDefaults.MASKED_PATHS,
        spec.privileged() ? null : DockerDefaults.READONLY_PATHS,
        null);
  }

  private static RuntimeSpec.Resources resources(
      ContainerSpec spec, List<RuntimeSpec.DeviceRule> rules) {
    ResourceLimits r = spec.resources();
    RuntimeSpec.Memory memory =
        r.memoryBytes() > 0 ? new RuntimeSpec.Memory(r.memoryBytes(), 2 * r.memoryBytes()) : null;
    RuntimeSpec.Cpu cpu = null;
    if (r.cpus() > 0 || r.cpuShares() > 0) {
      long period = 100_000;
      cpu =
          new RuntimeSpec.Cpu(
              r.cpuShares() > 0 ? r.cpuShares() : null,
              r.cpus() > 0 ? Math.round(r.cpus() * period) : null,
              r.cpus() > 0 ? period : null,
              null);
    }
    RuntimeSpec.Pids pids = r.pidsLimit() > 0 ? new RuntimeSpec.Pids(r.pidsLimit()) : null;
    return new RuntimeSpec.Resources(rules, memory, cpu, pids);
  }

  private static RuntimeSpec.Device device(DeviceMapping mapping) throws EngineException {
    Path path = Path.of(mapping.hostPath());
    try {
      Object rdev = Files.getAttribute(path, "unix:rdev");
      boolean isChar = !Files.isRegularFile(path) && !Files.isDirectory(path);
      long dev = ((Number) rdev).longValue();
      long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
      long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 1 << (8 - p.ordinal());
      }
      String type = isChar && isCharDevice(path) ? "c" : "b";
      return new RuntimeSpec.Device(type, mapping.containerPath(), major, minor, mode, 0, 0);
    } catch (IOException | UnsupportedOperationException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "device " + mapping.hostPath() + ": " + e.getMessage(), e);
    }
  }

  private static boolean isCharDevice(Path path) throws IOException {
    int mode = (Integer) Files.getAttribute(path, "unix:mode");
    return (mode & 0170000) == 0020000;
  }

  private static void validateSysctls(ContainerSpec spec) throws EngineException {
    boolean hostNetwork = spec.network() instanceof NetworkAttachment.Host;
    for (String key : spec.sysctls().keySet()) {
      boolean ipc =
          key.startsWith("kernel.shm")
              || key.startsWith("kernel.msg")
              || key.equals("kernel.sem")
              || key.startsWith("fs.mqueue.");
      boolean net = key.startsWith("net.");
      if (!ipc && !(net && !hostNetwork)) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "sysctl \""
                + key
                + "\" is not namespaced"
                + (net ? " with network_mode: host" : "")
                + " and cannot be set for a container");
      }
    }
  }
}
