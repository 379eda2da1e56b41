package dev.berth.runtime.container;

import java.util.Locale;

/** One {@code ulimits} entry, e.g. {@code nofile} soft 1024 hard 2048. */
public record Ulimit(String name, long soft, long hard) {
  public Ulimit {
    name = name.toLowerCase(Locale.ROOT);
  }

  /** The OCI rlimit type, e.g. {@code RLIMIT_NOFILE}. */
  public String rlimitType() {
    return "RLIMIT_" + name.toUpperCase(Locale.ROOT);
  }
}
