package dev.berth.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A pidfd (pidfd_open(2)): a handle on a process, child or not, that cannot be confused with a
 * later process reusing the pid; it becomes readable when the process exits.
 */
public final class Pidfd implements AutoCloseable {
  private static final long SYS_PIDFD_SEND_SIGNAL = 424;
  private static final long SYS_PIDFD_OPEN = 434;
  private static final short POLLIN = 1;

  private final int pid;
  private final int fd;
  private boolean closed;

  private Pidfd(int pid, int fd) {
    this.pid = pid;
    this.fd = fd;
  }

  /** Opens a pidfd for {@code pid}; fails with {@code ESRCH} when no such process exists. */
  public static Pidfd open(int pid) throws LinuxException {
    long fd =
        Syscall.check(
            LibC.INSTANCE.syscall(SYS_PIDFD_OPEN, pid, 0, 0, 0),
            () -> Call.of("pidfd_open", pid, 0));
    return new Pidfd(pid, (int) fd);
  }

  /** The pid this handle was opened for. */
  public int pid() {
    return pid;
  }

  /** Sends {@code signal} to the process, never to a later one with the same pid. */
  public void sendSignal(int signal) throws LinuxException {
    Syscall.check(
        LibC.INSTANCE.syscall(SYS_PIDFD_SEND_SIGNAL, fd, signal, 0, 0),
        () -> Call.of("pidfd_send_signal", describe(), Call.raw(Signals.name(signal)), null, 0));
  }

  /** Whether the process exited within {@code timeout}; {@link Duration#ZERO} only checks. */
  public boolean awaitExit(Duration timeout) throws LinuxException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] pollfd =
        ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(POLLIN).array();
    while (true) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      int millis = (int) Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000);
      int ready = LibC.INSTANCE.poll(pollfd, 1, millis);
      if (!Syscall.interrupted(ready)) {
        return Syscall.check(
                ready, () -> Call.of("poll", Call.raw("[" + describe() + "]"), 1, millis))
            > 0;
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      LibC.INSTANCE.close(fd);
    }
  }

  private Call.Raw describe() {
    return Call.raw("pidfd(" + pid + ")");
  }

  @Override
  public String toString() {
    return "pidfd(" + pid + ", fd " + fd + ")";
  }
}
