package dev.berth.runtime.linux;

import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;

/** Process calls: waitpid(2), kill(2), getpid(2), gettid(2). */
public final class Processes {
  /** Return at once if no child has changed state. */
  public static final int WNOHANG = 1;

  /** Also report children stopped by a signal. */
  public static final int WUNTRACED = 2;

  /** Also report stopped children resumed by SIGCONT. */
  public static final int WCONTINUED = 8;

  private Processes() {}

  /**
   * Waits for a child (or, when this process is a child subreaper, an adopted orphan) to change
   * state; empty only with {@link #WNOHANG} while nothing has. Pass a specific pid: {@code -1}
   * would also reap children of {@link java.lang.Process}, whose exit codes the JDK then loses.
   */
  public static Optional<WaitStatus> waitpid(int pid, int options) throws LinuxException {
    IntByReference status = new IntByReference();
    int result;
    do {
      result = LibC.INSTANCE.waitpid(pid, status, options);
    } while (Syscall.interrupted(result));
    int changed = Syscall.check(result, () -> Call.of("waitpid", pid, options));
    return changed == 0
        ? Optional.empty()
        : Optional.of(WaitStatus.decode(changed, status.getValue()));
  }

  /**
   * Blocks until the child {@code pid} exits or is killed, and reaps it; the wait cannot be
   * interrupted, so poll with {@link #WNOHANG} or a {@link Pidfd} where that matters.
   */
  public static WaitStatus waitFor(int pid) throws LinuxException {
    return waitpid(pid, 0).orElseThrow();
  }

  /** Sends {@code signal} to {@code pid}; signal 0 only checks that the process exists. */
  public static void kill(int pid, int signal) throws LinuxException {
    Syscall.check(
        LibC.INSTANCE.kill(pid, signal),
        () -> Call.of("kill", pid, Call.raw(Signals.name(signal))));
  }

  /** Whether a process with this pid exists (it may be a zombie). */
  public static boolean exists(int pid) throws LinuxException {
    if (LibC.INSTANCE.kill(pid, 0) == 0) {
      return true;
    }
    int errno = Native.getLastError();
    if (errno == Errno.ESRCH) {
      return false;
    }
    if (errno == Errno.EPERM) {
      return true;
    }
    throw new LinuxException(Call.of("kill", pid, Call.raw("0")), errno);
  }

  /** This process's id. */
  public static int getpid() {
    return LibC.INSTANCE.getpid();
  }

  /** The calling thread's kernel id, as in {@code /proc/<pid>/task/<tid>}. */
  public static int gettid() {
    return LibC.INSTANCE.gettid();
  }
}
