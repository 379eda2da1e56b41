package dev.berth.runtime.oci;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds OCI runtime binaries and decides how to call them on this host. crun 1.8 refuses cgroup-v1
 * hybrid hosts whose cgroup2 has controllers; there berth calls it through a wrapper that runs it
 * in a private mount namespace with {@code /sys/fs/cgroup/unified} unmounted. The host's own cgroup
 * mounts are never changed.
 */
public final class RuntimeDetector {
  private static final List<String> SEARCH_PATH =
      List.of("/usr/local/bin", "/usr/bin", "/usr/local/sbin", "/usr/sbin", "/sbin", "/bin");

  private final Path cgroupRoot;
  private final Path runRoot;

  /**
   * @param cgroupRoot normally {@code /sys/fs/cgroup}
   * @param runRoot where berth keeps runtime state; the wrapper and {@code --root} dirs go here
   */
  public RuntimeDetector(Path cgroupRoot, Path runRoot) {
    this.cgroupRoot = cgroupRoot;
    this.runRoot = runRoot;
  }

  /** Whether cgroups are v1 hybrid with controllers enabled on the cgroup2 mount. */
  public boolean hybridWithV2Controllers() {
    Path unified = cgroupRoot.resolve("unified/cgroup.controllers");
    try {
      return !Files.exists(cgroupRoot.resolve("cgroup.controllers"))
          && Files.exists(unified)
          && !Files.readString(unified).isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  /** The named runtime ({@code crun}, {@code runc}, or a path), ready to call. */
  public OciRuntime runtime(String nameOrPath) throws EngineException {
    Path binary = locate(nameOrPath).orElseThrow(() -> notFound(nameOrPath));
    String name = binary.getFileName().toString();
    Path stateRoot = runRoot.resolve("runtime").resolve(name);
    try {
      Files.createDirectories(stateRoot);
      Path launcher = binary;
      if (name.equals("crun") && hybridWithV2Controllers()) {
        launcher = writeWrapper(binary);
      }
      return new OciRuntime(name, binary, launcher, stateRoot);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "preparing runtime " + name + ": " + e.getMessage(), e);
    }
  }

  /** crun when present, else runc. */
  public OciRuntime preferred() throws EngineException {
    for (String name : List.of("crun", "runc")) {
      if (locate(name).isPresent()) {
        return runtime(name);
      }
    }
    throw notFound("crun or runc");
  }

  /** The installed runtimes among crun and runc, in order of preference. */
  public List<String> installed() {
    List<String> names = new ArrayList<>();
    for (String name : List.of("crun", "runc")) {
      locate(name).ifPresent(p -> names.add(name));
    }
    return names;
  }

  private static Optional<Path> locate(String nameOrPath) {
    if (nameOrPath.contains("/")) {
      Path path = Path.of(nameOrPath);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    return SEARCH_PATH.stream()
        .map(dir -> Path.of(dir, nameOrPath))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private Path writeWrapper(Path binary) throws IOException {
    Path dir = Files.createDirectories(runRoot.resolve("bin"));
    Path wrapper = dir.resolve(binary.getFileName() + "-private-cgroupns");
    String script =
        "#!/bin/sh\n"
            + "# berth: crun refuses hybrid cgroup hosts whose cgroup2 has controllers; run it in a\n"
            + "# private mount namespace without the cgroup2 mount (the host's stays untouched).\n"
            + "exec unshare -m /bin/sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null;"
            + " exec \"$0\" \"$@\"' "
            + binary
            + " \"$@\"\n";
    Path temp = dir.resolve(wrapper.getFileName() + ".tmp");
    Files.writeString(temp, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(temp, wrapper, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return wrapper;
  }

  private static EngineException notFound(String name) {
    return new EngineException(
        ErrorKind.UNAVAILABLE, "OCI runtime " + name + " not found in " + SEARCH_PATH);
  }
}
