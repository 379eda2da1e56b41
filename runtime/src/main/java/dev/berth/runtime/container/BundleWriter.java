package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.oci.RuntimeSpec;
import dev.berth.runtime.oci.SpecJson;
import dev.berth.runtime.state.JsonFiles;
import dev.berth.runtime.volume.VolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Prepares everything a container needs before its first start: rootfs, resolved process, the
 * generated {@code /etc} files, volumes, and the bundle's {@code config.json}.
 */
final class BundleWriter {
  static final Path TINI = Path.of("/usr/bin/tini-static");

  private final RootfsProvider rootfs;
  private final SpecGenerator generator;
  private final MountResolver mounts;

  BundleWriter(RootfsProvider rootfs, HostFacts host, VolumeStore volumes) {
    this.rootfs = rootfs;
    this.generator = new SpecGenerator(host);
    this.mounts = new MountResolver(volumes);
  }

  /** Writes the bundle; returns the anonymous volumes it created. */
  List<String> write(ContainerSpec spec, ContainerPaths paths) throws EngineException {
    rootfs.prepare(spec.imageLayers(), paths.rootfs());
    ImageConfig image = spec.image();
    String userSpec = spec.user().isEmpty() ? image.user() : spec.user();
    ResolvedUser user = UserResolver.forRootfs(paths.rootfs()).resolve(userSpec, spec.groupAdd());
    List<String> args =
        CommandMerger.merge(
            image, Optional.ofNullable(spec.entrypoint()), Optional.ofNullable(spec.command()));
    String hostname = hostname(spec, paths.id());
    List<String> env = EnvMerger.merge(image.env(), spec.env(), hostname, spec.tty(), user.home());
    String cwd = !spec.workingDir().isEmpty() ? spec.workingDir() : image.workingDir();
    cwd = cwd.isEmpty() ? "/" : cwd;
    MountResolver.Resolved resolved =
        mounts.resolve(spec.mounts(), image.volumes(), paths.rootfs());
    try {
      if (spec.init() && !Files.isExecutable(TINI)) {
        throw new EngineException(
            ErrorKind.UNAVAILABLE, "init: true needs " + TINI + " (Debian package tini)");
      }
      try {
        Files.createDirectories(paths.rootfs().resolve(cwd.substring(1)));
        writeEtc(spec, paths, hostname);
        Files.createDirectories(paths.bundle());
        BundleInputs inputs =
            new BundleInputs(
                paths.runtimeId(),
                paths.rootfs(),
                args,
                env,
                user,
                cwd,
                hostname,
                paths.etcDir(),
                resolved.mounts(),
                TINI);
        RuntimeSpec runtimeSpec = generator.generate(spec, inputs);
        JsonFiles.writeAtomically(
            paths.bundle().resolve("config.json"), SpecJson.write(runtimeSpec));
      } catch (IOException e) {
        throw new EngineException(
            ErrorKind.INTERNAL, "writing bundle " + paths.bundle() + ": " + e.getMessage(), e);
      }
    } catch (EngineException | RuntimeException e) {
      mounts.discard(resolved.anonymousVolumes(), e);
      throw e;
    }
    return resolved.anonymousVolumes();
  }

  private static String hostname(ContainerSpec spec, String id) throws EngineException {
    if (!spec.hostname().isEmpty()) {
      return spec.hostname();
    }
    if (spec.network() instanceof NetworkAttachment.Host) {
      try {
        return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      } catch (IOException e) {
        throw new EngineException(ErrorKind.INTERNAL, "reading the host's name: " + e, e);
      }
    }
    return id.substring(0, 12);
  }

  private static void writeEtc(ContainerSpec spec, ContainerPaths paths, String hostname)
      throws IOException {
    Path etc = Files.createDirectories(paths.etcDir());
    String address =
        spec.network() instanceof NetworkAttachment.Joined joined ? joined.address() : null;
    String fqdn = spec.domainname().isEmpty() ? hostname : hostname + "." + spec.domainname();
    Files.writeString(etc.resolve("hostname"), hostname + "\n");
    Files.writeString(
        etc.resolve("hosts"),
        EtcFiles.hosts(
            fqdn.equals(hostname) ? hostname : fqdn + "\t" + hostname, address, spec.extraHosts()));
    Path hostResolv = Path.of("/etc/resolv.conf");
    String host = Files.isReadable(hostResolv) ? Files.readString(hostResolv) : "";
    Files.writeString(
        etc.resolve("resolv.conf"),
        EtcFiles.resolvConf(host, spec.dns(), spec.network() instanceof NetworkAttachment.Host));
  }
}
