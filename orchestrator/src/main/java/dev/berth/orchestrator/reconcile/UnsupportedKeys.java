package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;
import java.util.Map;

/**
 * Compose keys berth does not act on. Those that change what runs are errors naming the key; those
 * docker compose itself ignores on a single engine are warnings. Every other container key is
 * passed to the engine, which refuses what it cannot do ({@link EngineRefusal} names the key).
 */
final class UnsupportedKeys {
  /**
   * Service keys whose effect berth would silently drop: refusing is safer than running
   * differently.
   */
  static final List<String> REFUSED =
      List.of(
          "gpus",
          "annotations",
          "cpu_rt_period",
          "cpu_rt_runtime",
          "pre_start",
          "device_cgroup_rules",
          "userns_mode",
          "cgroup",
          "cgroup_parent",
          "isolation",
          "external_links",
          "oom_kill_disable",
          "post_start",
          "pre_stop",
          "models",
          "provider",
          "use_api_socket",
          "storage_opt",
          "blkio_config");

  /**
   * Keys of a service's attachment to one network ({@code services.x.networks.n.KEY}) that berth
   * does not pass on yet; {@code aliases} and {@code ipv4_address} it does.
   */
  static final List<String> REFUSED_ON_NETWORKS =
      List.of(
          "ipv6_address",
          "link_local_ips",
          "mac_address",
          "driver_opts",
          "gw_priority",
          "priority");

  /** Service keys docker compose ignores outside Swarm or Windows, and why. */
  static final List<Map.Entry<String, String>> WARNED =
      List.of(
          Map.entry("credential_spec", "Windows containers only"),
          Map.entry("cpu_count", "Windows containers only"),
          Map.entry("cpu_percent", "Windows containers only"),
          Map.entry("develop", "berth has no watch mode; docker compose uses it only for watch"));

  /** Keys of {@code deploy} that only Swarm reads. */
  static final List<String> SWARM_ONLY =
      List.of("placement", "update_config", "rollback_config", "mode");

  private UnsupportedKeys() {}

  static void check(Project project, Progress progress) throws BerthException {
    for (Service s : project.serviceList()) {
      check(s, progress);
    }
    for (Map.Entry<String, Node> n : project.section("networks").entries().entrySet()) {
      if (n.getValue() instanceof MapNode net
          && net.get("enable_ipv6") instanceof ScalarNode v
          && "true".equals(v.text())) {
        throw refused(net, "enable_ipv6", "networks." + n.getKey() + ".enable_ipv6");
      }
    }
  }

  /** The checks of one service's keys. */
  static void check(Service s, Progress progress) throws BerthException {
    MapNode a = s.attributes();
    String where = "services." + s.name() + ".";
    for (String key : REFUSED) {
      if (a.has(key)) {
        throw refused(a, key, where + key);
      }
    }
    if (a.get("networks") instanceof MapNode networks) {
      for (Map.Entry<String, Node> n : networks.entries().entrySet()) {
        if (n.getValue() instanceof MapNode attachment) {
          for (String key : REFUSED_ON_NETWORKS) {
            if (attachment.has(key)) {
              throw refused(attachment, key, where + "networks." + n.getKey() + "." + key);
            }
          }
        }
      }
    }
    if (a.get("platform") instanceof ScalarNode platform
        && !platform.isNull()
        && !hostPlatform(platform.text())) {
      throw new BerthException(
          ErrorKind.UNSUPPORTED,
          a.keyMark("platform")
              + ": "
              + where
              + "platform: \""
              + platform.text()
              + "\" is not this host's (linux/"
              + HOST_ARCH
              + "): berth runs images of the host's platform only");
    }
    for (Map.Entry<String, String> w : WARNED) {
      if (a.has(w.getKey())) {
        progress.warn(where + w.getKey() + " is ignored (" + w.getValue() + ")");
      }
    }
    if (a.get("deploy") instanceof MapNode deploy) {
      for (String key : SWARM_ONLY) {
        if (deploy.has(key)) {
          progress.warn(where + "deploy." + key + " is ignored (Swarm only)");
        }
      }
      if (deploy.get("resources") instanceof MapNode resources
          && resources.get("reservations") instanceof MapNode reservations
          && reservations.has("devices")) {
        throw refused(reservations, "devices", where + "deploy.resources.reservations.devices");
      }
    }
  }

  /** The host's architecture as OCI names it. */
  static final String HOST_ARCH =
      switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> "amd64";
        case "aarch64" -> "arm64";
        default -> System.getProperty("os.arch");
      };

  /** {@code linux}, {@code linux/<host arch>} or {@code linux/<host arch>/<variant>}. */
  private static boolean hostPlatform(String platform) {
    String[] parts = platform.strip().split("/");
    return parts[0].equals("linux") && (parts.length == 1 || parts[1].equals(HOST_ARCH));
  }

  private static BerthException refused(MapNode parent, String key, String path) {
    return new BerthException(
        ErrorKind.UNSUPPORTED,
        parent.keyMark(key)
            + ": "
            + path
            + ": not supported by berth yet (it would change what runs)");
  }
}
