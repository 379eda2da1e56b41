package dev.berth.runtime.network.ipam;

/**
 * When IPAM state is flushed to disk. It is always written atomically (temp file, rename); the
 * question is only which changes also wait for fsync (~7 ms on the project's machines).
 */
public enum Durability {
  /** fsync before every rename, as ARCHITECTURE.md §7 asks of state files. The default. */
  SYNC_EVERY_CHANGE,
  /**
   * fsync only when a network's subnet changes. An endpoint's address lives no longer than its
   * container, and no container survives the OS crash that could lose an unsynced write, so address
   * changes skip it. A deviation from §7 that only the architecture's owner may adopt.
   */
  SYNC_NETWORK_CHANGES
}
