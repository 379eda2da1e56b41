package dev.berth.runtime.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A connected {@code AF_UNIX}/{@code SOCK_SEQPACKET} socket (which the JDK cannot open), as
 * conmon's attach socket is: each send is one packet; {@link #shutdownOutput} tells the peer input
 * ended.
 */
public final class SeqpacketSocket implements AutoCloseable {
  private static final int AF_UNIX = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int SOCK_CLOEXEC = 02000000;
  private static final int SHUT_RD = 0;
  private static final int SHUT_WR = 1;
  private static final int SHUT_RDWR = 2;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int SUN_PATH_MAX = 107;

  private final int fd;
  private final String path;
  private boolean closed;

  private SeqpacketSocket(int fd, String path) {
    this.fd = fd;
    this.path = path;
  }

  /** Connects to the socket at {@code path} (at most 107 bytes long). */
  public static SeqpacketSocket connect(Path path) throws LinuxException {
    byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
    if (name.length > SUN_PATH_MAX) {
      throw new LinuxException("connect(" + path + ")", 36); // ENAMETOOLONG
    }
    byte[] address = new byte[2 + name.length + 1];
    address[0] = AF_UNIX; // sa_family, little-endian short
    System.arraycopy(name, 0, address, 2, name.length);
    int fd =
        Syscall.check(
            LibC.INSTANCE.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0),
            () -> Call.of("socket", Call.raw("AF_UNIX"), Call.raw("SOCK_SEQPACKET"), 0));
    try {
      Syscall.check(
          LibC.INSTANCE.connect(fd, address, address.length),
          () -> Call.of("connect", fd, path.toString()));
    } catch (LinuxException e) {
      LibC.INSTANCE.close(fd);
      throw e;
    }
    return new SeqpacketSocket(fd, path.toString());
  }

  /** Sends {@code length} bytes as one packet. */
  public synchronized void send(byte[] bytes, int length) throws LinuxException {
    requireOpen("send");
    byte[] packet = bytes;
    if (length != bytes.length) {
      packet = new byte[length];
      System.arraycopy(bytes, 0, packet, 0, length);
    }
    byte[] data = packet;
    Syscall.check(
        LibC.INSTANCE.sendto(fd, data, data.length, MSG_NOSIGNAL, null, 0),
        () -> Call.of("send", fd, path, data.length));
  }

  /** Receives one packet into {@code buffer}; returns its length, 0 when the peer closed. */
  public int receive(byte[] buffer) throws LinuxException {
    return (int)
        Syscall.check(
            LibC.INSTANCE.recv(fd, buffer, buffer.length, 0),
            () -> Call.of("recv", fd, path, buffer.length));
  }

  /** Tells the peer no more input comes. */
  public synchronized void shutdownOutput() throws LinuxException {
    requireOpen("shutdown");
    Syscall.check(LibC.INSTANCE.shutdown(fd, SHUT_WR), () -> Call.of("shutdown", fd, "SHUT_WR"));
  }

  /** Ends both directions, waking a thread blocked in {@link #receive}. */
  public synchronized void shutdown() {
    if (!closed) {
      LibC.INSTANCE.shutdown(fd, SHUT_RDWR);
    }
  }

  /** Once closed, the descriptor number may belong to something else: never touch it again. */
  private void requireOpen(String call) throws LinuxException {
    if (closed) {
      throw new LinuxException(call + "(" + path + ")", 9); // EBADF
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      LibC.INSTANCE.shutdown(fd, SHUT_RD);
      LibC.INSTANCE.close(fd);
    }
  }
}
