package dev.berth.runtime.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's environment: a default PATH when none is given, HOSTNAME, TERM with a tty, HOME from the
 * user's passwd entry, then the image's Env, then the container's, later keys replacing earlier
 * ones in place.
 */
public final class EnvMerger {
  /** Docker's default PATH for Linux containers. */
  public static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private EnvMerger() {}

  /** The process environment as {@code KEY=value} entries. */
  public static List<String> merge(
      List<String> imageEnv, List<String> containerEnv, String hostname, boolean tty, String home) {
    Map<String, String> env = new LinkedHashMap<>();
    put(env, DEFAULT_PATH);
    put(env, "HOSTNAME=" + hostname);
    if (tty) {
      put(env, "TERM=xterm");
    }
    imageEnv.forEach(e -> put(env, e));
    containerEnv.forEach(e -> put(env, e));
    if (!env.containsKey("HOME")) {
      put(env, "HOME=" + (home == null || home.isEmpty() ? "/" : home));
    }
    List<String> result = new ArrayList<>();
    env.forEach((k, v) -> result.add(v == null ? k : k + "=" + v));
    return List.copyOf(result);
  }

  private static void put(Map<String, String> env, String entry) {
    int eq = entry.indexOf('=');
    if (eq < 0) {
      env.put(entry, null);
    } else {
      env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
  }
}
