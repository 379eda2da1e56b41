package dev.berth.runtime.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime spec's {@code config.json}, as far as berth writes it.
 *
 * <pre>{"ociVersion":"1.0.2","process":{"args":["sh"],...},"root":{"path":"rootfs"},...}</pre>
 *
 * @see <a href="https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md">config.md</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(
    String ociVersion,
    Process process,
    Root root,
    String hostname,
    String domainname,
    List<Mount> mounts,
    Linux linux,
    Map<String, String> annotations) {

  /** The OCI spec version berth writes. */
  public static final String VERSION = "1.0.2";

  /** The container's process ({@code process}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(
      boolean terminal,
      User user,
      List<String> args,
      List<String> env,
      String cwd,
      Capabilities capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges,
      Integer oomScoreAdj) {}

  /** The process's identity ({@code process.user}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record User(int uid, int gid, List<Integer> additionalGids) {}

  /** The five capability sets ({@code process.capabilities}). */
  public record Capabilities(
      List<String> bounding,
      List<String> effective,
      List<String> inheritable,
      List<String> permitted,
      List<String> ambient) {}

  /** One resource limit ({@code process.rlimits[]}), e.g. {@code RLIMIT_NOFILE}. */
  public record Rlimit(String type, long hard, long soft) {}

  /** The root filesystem ({@code root}). */
  public record Root(String path, boolean readonly) {}

  /** One mount ({@code mounts[]}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(String destination, String type, String source, List<String> options) {}

  /** Linux-specific settings ({@code linux}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(
      List<Namespace> namespaces,
      Resources resources,
      String cgroupsPath,
      Map<String, String> sysctl,
      List<Device> devices,
      List<String> maskedPaths,
      List<String> readonlyPaths,
      String rootfsPropagation) {}

  /** A namespace to create, or to join when {@code path} is set ({@code linux.namespaces[]}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Namespace(String type, String path) {}

  /** cgroup limits ({@code linux.resources}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {}

  /** A device cgroup rule ({@code linux.resources.devices[]}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

  /** Memory limits in bytes ({@code linux.resources.memory}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Memory(Long limit, Long swap) {}

  /** CPU quota and shares ({@code linux.resources.cpu}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cpu(Long shares, Long quota, Long period, String cpus) {}

  /** The process count limit ({@code linux.resources.pids}). */
  public record Pids(long limit) {}

  /** A device node to create in the container ({@code linux.devices[]}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Device(
      String type,
      String path,
      long major,
      long minor,
      Integer fileMode,
      Integer uid,
      Integer gid) {}
}
