package dev.berth.runtime.linux;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/**
 * A failed system call, naming the call, its arguments and the errno, e.g. {@code umount2("/tmp/x",
 * 0): EINVAL (Invalid argument)}.
 */
public class LinuxException extends EngineException {
  private final String call;
  private final int errno;

  /**
   * @param call the call as it was made, e.g. {@code kill(42, SIGTERM)}
   * @param errno the positive errno value it failed with
   */
  public LinuxException(String call, int errno) {
    super(kindOf(errno), call + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")");
    this.call = call;
    this.errno = errno;
  }

  /** The call that failed, with its arguments. */
  public String call() {
    return call;
  }

  /** The errno the call failed with. */
  public int errno() {
    return errno;
  }

  /** How an errno reads as a berth error kind. */
  public static ErrorKind kindOf(int errno) {
    return switch (errno) {
      case Errno.ENOENT, Errno.ESRCH -> ErrorKind.NOT_FOUND;
      case Errno.EEXIST, Errno.EBUSY -> ErrorKind.CONFLICT;
      case Errno.EPERM, Errno.EACCES -> ErrorKind.PERMISSION_DENIED;
      case Errno.EINVAL -> ErrorKind.INVALID_ARGUMENT;
      case Errno.ENOSYS, Errno.EOPNOTSUPP -> ErrorKind.UNSUPPORTED;
      case Errno.EAGAIN, Errno.ETIMEDOUT -> ErrorKind.UNAVAILABLE;
      default -> ErrorKind.INTERNAL;
    };
  }
}
