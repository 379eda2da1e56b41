package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;

/** The kernel refused a netlink request: {@code create bridge berth0a1b: EEXIST (File exists)}. */
public final class NetlinkException extends EngineException {
  private final int errno;

  public NetlinkException(String action, int errno) {
    super(Errno.kind(errno), action + ": " + Errno.describe(errno));
    this.errno = errno;
  }

  /** The positive errno the kernel answered with. */
  public int errno() {
    return errno;
  }

  public boolean isNoSuchDevice() {
    return errno == Errno.ENODEV;
  }

  public boolean isAlreadyExists() {
    return errno == Errno.EEXIST;
  }
}
