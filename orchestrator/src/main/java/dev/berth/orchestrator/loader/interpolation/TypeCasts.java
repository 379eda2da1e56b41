package dev.berth.orchestrator.loader.interpolation;

import java.util.List;

/** Which attributes are cast from text after interpolation, and to what. */
final class TypeCasts {
  /** Target types. */
  enum Type {
    INT,
    FLOAT,
    BOOL
  }

  /** A key-path pattern ({@code *} any key, {@code []} any item) and its target type. */
  private record Rule(String[] pattern, Type type) {}

  private static final List<Rule> RULES =
      List.of(
          svc("cpu_count", Type.INT),
          svc("cpu_percent", Type.FLOAT),
          svc("cpu_period", Type.INT),
          svc("cpu_quota", Type.INT),
          svc("cpu_rt_period", Type.INT),
          svc("cpu_rt_runtime", Type.INT),
          svc("cpus", Type.FLOAT),
          svc("cpu_shares", Type.INT),
          svc("init", Type.BOOL),
          svc("depends_on.*.required", Type.BOOL),
          svc("depends_on.*.restart", Type.BOOL),
          svc("deploy.replicas", Type.INT),
          svc("deploy.update_config.parallelism", Type.INT),
          svc("deploy.update_config.max_failure_ratio", Type.FLOAT),
          svc("deploy.rollback_config.parallelism", Type.INT),
          svc("deploy.rollback_config.max_failure_ratio", Type.FLOAT),
          svc("deploy.restart_policy.max_attempts", Type.INT),
          svc("deploy.placement.max_replicas_per_node", Type.INT),
          svc("healthcheck.retries", Type.INT),
          svc("healthcheck.disable", Type.BOOL),
          svc("oom_kill_disable", Type.BOOL),
          svc("oom_score_adj", Type.INT),
          svc("pids_limit", Type.INT),
          svc("ports.[].target", Type.INT),
          svc("privileged", Type.BOOL),
          svc("read_only", Type.BOOL),
          svc("scale", Type.INT),
          svc("stdin_open", Type.BOOL),
          svc("tty", Type.BOOL),
          svc("ulimits.*", Type.INT),
          svc("ulimits.*.hard", Type.INT),
          svc("ulimits.*.soft", Type.INT),
          svc("volumes.[].read_only", Type.BOOL),
          svc("volumes.[].volume.nocopy", Type.BOOL),
          top("networks.*.external", Type.BOOL),
          top("networks.*.internal", Type.BOOL),
          top("networks.*.attachable", Type.BOOL),
          top("networks.*.enable_ipv4", Type.BOOL),
          top("networks.*.enable_ipv6", Type.BOOL),
          top("volumes.*.external", Type.BOOL),
          top("secrets.*.external", Type.BOOL),
          top("configs.*.external", Type.BOOL));

  private TypeCasts() {}

  private static Rule svc(String path, Type type) {
    return top("services.*." + path, type);
  }

  private static Rule top(String path, Type type) {
    return new Rule(path.split("\\."), type);
  }

  /** The cast type for the value at {@code path}, or null. */
  static Type typeOf(List<String> path) {
    for (Rule r : RULES) {
      if (matches(r.pattern, path)) {
        return r.type;
      }
    }
    return null;
  }

  private static boolean matches(String[] pattern, List<String> path) {
    if (pattern.length != path.size()) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      String s = path.get(i);
      boolean index = s.startsWith("[");
      if (p.equals("[]")) {
        if (!index) {
          return false;
        }
      } else if (p.equals("*")) {
        if (index) {
          return false;
        }
      } else if (!p.equals(s)) {
        return false;
      }
    }
    return true;
  }
}
