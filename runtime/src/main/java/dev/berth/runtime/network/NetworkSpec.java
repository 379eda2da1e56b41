package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.netlink.LinkName;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bridged network as compose asks for it: {@code internal} (no egress), {@code ipam.config}, and
 * the bridge {@code driver_opts} berth honours ({@code com.docker.network.bridge.name}, {@code
 * com.docker.network.driver.mtu}). {@code enable_ipv6} is refused until berth supports it.
 */
public record NetworkSpec(
    String id,
    String name,
    boolean internal,
    IpamRequest ipam,
    Optional<LinkName> bridgeName,
    int mtu,
    NetworkSpec.Metadata metadata) {

  public static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";
  public static final String MTU_OPTION = "com.docker.network.driver.mtu";

  public NetworkSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (mtu < 0) {
      throw new IllegalArgumentException("mtu " + mtu + " is negative");
    }
    metadata = metadata == null ? Metadata.NONE : metadata;
  }

  /** A network without labels or recorded options, created now. */
  public NetworkSpec(
      String id,
      String name,
      boolean internal,
      IpamRequest ipam,
      Optional<LinkName> bridgeName,
      int mtu) {
    this(id, name, internal, ipam, bridgeName, mtu, Metadata.NONE);
  }

  /**
   * What the API shows of a network and berth keeps but does not act on: labels, {@code
   * attachable}, the driver options as given, and when it was created (null: unknown).
   */
  public record Metadata(
      Map<String, String> labels,
      boolean attachable,
      Map<String, String> options,
      Instant created) {
    public static final Metadata NONE = new Metadata(Map.of(), false, Map.of(), null);

    public Metadata {
      labels = Map.copyOf(labels);
      options = Map.copyOf(options);
    }
  }

  /** This spec with {@code metadata}. */
  public NetworkSpec withMetadata(Metadata newMetadata) {
    return new NetworkSpec(id, name, internal, ipam, bridgeName, mtu, newMetadata);
  }

  /** A network with berth's defaults: a pool subnet, a generated bridge name, the kernel's MTU. */
  public static NetworkSpec simple(String id, String name) {
    return new NetworkSpec(id, name, false, IpamRequest.any(), Optional.empty(), 0);
  }

  /** Reads compose's bridge options; unknown ones are refused rather than silently ignored. */
  public static NetworkSpec fromCompose(
      String id,
      String name,
      boolean internal,
      boolean enableIpv6,
      IpamRequest ipam,
      Map<String, String> driverOptions)
      throws EngineException {
    if (enableIpv6) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED, "network " + name + ": enable_ipv6 is not supported by berth yet");
    }
    Optional<LinkName> bridge = Optional.empty();
    int mtu = 0;
    for (Map.Entry<String, String> option : driverOptions.entrySet()) {
      switch (option.getKey()) {
        case BRIDGE_NAME_OPTION -> bridge = Optional.of(LinkName.parse(option.getValue()));
        case MTU_OPTION -> mtu = parseMtu(name, option.getValue());
        default ->
            throw new EngineException(
                ErrorKind.UNSUPPORTED,
                "network "
                    + name
                    + ": driver option \""
                    + option.getKey()
                    + "\" is not supported by berth's bridge driver");
      }
    }
    return new NetworkSpec(id, name, internal, ipam, bridge, mtu);
  }

  private static int parseMtu(String network, String text) throws EngineException {
    if (text.matches("[0-9]{2,5}")
        && Integer.parseInt(text) >= 68
        && Integer.parseInt(text) <= 65535) {
      return Integer.parseInt(text);
    }
    throw new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "network " + network + ": invalid MTU \"" + text + "\" (68 to 65535)");
  }
}
