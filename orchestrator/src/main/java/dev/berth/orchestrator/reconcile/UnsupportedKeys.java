package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;

/**
 * Service keys berth does not act on yet. Those that change what runs are errors naming the key;
 * those docker compose itself ignores on a single engine are warnings.
 */
final class UnsupportedKeys {
  /** Keys whose effect berth would silently drop: refusing is safer than running differently. */
  static final List<String> REFUSED =
      List.of(
          "gpus",
          "devices",
          "device_cgroup_rules",
          "ipc",
          "pid",
          "uts",
          "userns_mode",
          "cgroup",
          "cgroup_parent",
          "runtime",
          "isolation",
          "security_opt",
          "sysctls",
          "ulimits",
          "volumes_from",
          "links",
          "external_links",
          "mac_address",
          "dns",
          "dns_search",
          "dns_opt",
          "domainname",
          "shm_size",
          "mem_limit",
          "memswap_limit",
          "mem_reservation",
          "cpus",
          "cpu_shares",
          "cpu_quota",
          "cpu_period",
          "cpuset",
          "pids_limit",
          "oom_score_adj",
          "oom_kill_disable",
          "group_add",
          "post_start",
          "pre_stop",
          "develop",
          "models",
          "provider",
          "use_api_socket",
          "storage_opt",
          "blkio_config",
          "logging");

  /** Keys docker compose itself ignores outside Swarm or that only annotate. */
  static final List<String> WARNED = List.of("credential_spec");

  private UnsupportedKeys() {}

  static void check(Project project, Progress progress) throws BerthException {
    for (Service s : project.serviceList()) {
      MapNode a = s.attributes();
      for (String key : REFUSED) {
        if (a.has(key)) {
          throw new BerthException(
              ErrorKind.UNSUPPORTED,
              a.keyMark(key)
                  + ": services."
                  + s.name()
                  + "."
                  + key
                  + ": not supported by berth yet (it would change what runs)");
        }
      }
      for (String key : WARNED) {
        if (a.has(key)) {
          progress.warn(
              "services." + s.name() + "." + key + " is ignored (Windows containers only)");
        }
      }
      if (a.get("deploy") instanceof MapNode deploy) {
        for (String key : List.of("placement", "update_config", "rollback_config", "mode")) {
          if (deploy.has(key)) {
            progress.warn("services." + s.name() + ".deploy." + key + " is ignored (Swarm only)");
          }
        }
      }
    }
  }
}
