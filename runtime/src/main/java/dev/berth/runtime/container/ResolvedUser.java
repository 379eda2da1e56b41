package dev.berth.runtime.container;

import java.util.List;

/** A container process's numeric identity and home, resolved from the image's passwd and group. */
public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {
  public ResolvedUser {
    additionalGids = List.copyOf(additionalGids);
  }
}
