package dev.berth.runtime.linux;

import com.sun.jna.Native;
import java.util.function.Supplier;

/** Turns a C return value of -1 into a {@link LinuxException} naming the call. */
final class Syscall {
  private Syscall() {}

  static int check(int result, Supplier<String> call) throws LinuxException {
    if (result == -1) {
      int errno = Native.getLastError();
      throw new LinuxException(call.get(), errno);
    }
    return result;
  }

  static long check(long result, Supplier<String> call) throws LinuxException {
    if (result == -1) {
      int errno = Native.getLastError();
      throw new LinuxException(call.get(), errno);
    }
    return result;
  }

  /** Whether the last failed call on this thread was interrupted by a signal and may be retried. */
  static boolean interrupted(long result) {
    return result == -1 && Native.getLastError() == Errno.EINTR;
  }
}
