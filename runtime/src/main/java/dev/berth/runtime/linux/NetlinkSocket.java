package dev.berth.runtime.linux;

import com.sun.jna.ptr.IntByReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A netlink socket bound to a kernel-assigned port, sending and receiving whole messages as bytes;
 * encoding them is the caller's business. It stays in the network namespace it was opened in.
 */
public final class NetlinkSocket implements AutoCloseable {
  public static final int NETLINK_ROUTE = 0;
  public static final int SOL_SOCKET = 1;
  public static final int SO_RCVBUF = 8;
  public static final int SO_SNDBUF = 7;
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_ADD_MEMBERSHIP = 1;
  public static final int NETLINK_EXT_ACK = 11;
  public static final int NETLINK_GET_STRICT_CHK = 12;

  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 02000000;
  private static final int SO_RCVTIMEO = 20;
  private static final int MSG_TRUNC = 0x20;
  private static final int SOCKADDR_NL_SIZE = 12;

  private final int fd;
  private final int protocol;
  private final int portId;
  private volatile boolean closed;

  private NetlinkSocket(int fd, int protocol, int portId) {
    this.fd = fd;
    this.protocol = protocol;
    this.portId = portId;
  }

  /** Opens and binds a NETLINK_ROUTE socket in the calling thread's network namespace. */
  public static NetlinkSocket openRoute() throws LinuxException {
    return open(NETLINK_ROUTE, 0);
  }

  /** Opens a netlink socket of {@code protocol} bound to the multicast {@code groups} bitmask. */
  public static NetlinkSocket open(int protocol, int groups) throws LinuxException {
    int fd =
        Syscall.check(
            LibC.INSTANCE.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol),
            () ->
                Call.of(
                    "socket", Call.raw("AF_NETLINK"), Call.raw("SOCK_RAW|SOCK_CLOEXEC"), protocol));
    try {
      byte[] address = address(0, groups);
      Syscall.check(
          LibC.INSTANCE.bind(fd, address, address.length),
          () ->
              Call.of(
                  "bind", fd, Call.raw("{nl_pid=0, nl_groups=" + groups + "}"), address.length));
      return new NetlinkSocket(fd, protocol, boundPort(fd));
    } catch (LinuxException | RuntimeException e) {
      LibC.INSTANCE.close(fd);
      throw e;
    }
  }

  /** The port id the kernel assigned; replies to this socket carry it as {@code nlmsg_pid}. */
  public int portId() {
    return portId;
  }

  /** Sets an integer socket option, e.g. {@code SOL_NETLINK}/{@code NETLINK_EXT_ACK} to 1. */
  public void setOption(int level, int option, int value) throws LinuxException {
    IntByReference ref = new IntByReference(value);
    Syscall.check(
        LibC.INSTANCE.setsockopt(checkOpen(), level, option, ref, 4),
        () -> Call.of("setsockopt", describe(), level, option, value));
  }

  /**
   * Makes {@link #receive} fail with {@code EAGAIN} after waiting this long; zero waits forever.
   */
  public void setReceiveTimeout(Duration timeout) throws LinuxException {
    byte[] timeval =
        ByteBuffer.allocate(16)
            .order(ByteOrder.nativeOrder())
            .putLong(timeout.getSeconds())
            .putLong(timeout.getNano() / 1000)
            .array();
    Syscall.check(
        LibC.INSTANCE.setsockopt(checkOpen(), SOL_SOCKET, SO_RCVTIMEO, timeval, timeval.length),
        () ->
            Call.of(
                "setsockopt",
                describe(),
                Call.raw("SOL_SOCKET"),
                Call.raw("SO_RCVTIMEO"),
                timeout));
  }

  /** Sends one message (one or more netlink headers with payload) to the kernel. */
  public void send(byte[] message) throws LinuxException {
    byte[] kernel = address(0, 0);
    long sent;
    do {
      sent = LibC.INSTANCE.sendto(checkOpen(), message, message.length, 0, kernel, kernel.length);
    } while (Syscall.interrupted(sent));
    Syscall.check(
        sent, () -> Call.of("sendto", describe(), Call.raw(message.length + " bytes"), 0));
  }

  /** Sends the remaining bytes of {@code message} and advances its position past them. */
  public void send(ByteBuffer message) throws LinuxException {
    byte[] bytes = new byte[message.remaining()];
    message.duplicate().get(bytes);
    send(bytes);
    message.position(message.limit());
  }

  /**
   * Receives one datagram into {@code buffer} at its position, advances the position and returns
   * the datagram's length; fails with {@code EMSGSIZE} rather than silently truncating it.
   */
  public int receive(ByteBuffer buffer) throws LinuxException {
    byte[] bytes = new byte[buffer.remaining()];
    long received;
    do {
      received = LibC.INSTANCE.recv(checkOpen(), bytes, bytes.length, MSG_TRUNC);
    } while (Syscall.interrupted(received));
    long length =
        Syscall.check(
            received, () -> Call.of("recv", describe(), bytes.length, Call.raw("MSG_TRUNC")));
    if (length > bytes.length) {
      String call = Call.of("recv", describe(), bytes.length, Call.raw("MSG_TRUNC"));
      throw new LinuxException(call + " = " + length, Errno.EMSGSIZE);
    }
    buffer.put(bytes, 0, (int) length);
    return (int) length;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      LibC.INSTANCE.close(fd);
    }
  }

  @Override
  public String toString() {
    return "netlink(protocol " + protocol + ", port " + Integer.toUnsignedString(portId) + ")";
  }

  private int checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    return fd;
  }

  private Call.Raw describe() {
    return Call.raw(toString());
  }

  private static int boundPort(int fd) throws LinuxException {
    byte[] address = new byte[SOCKADDR_NL_SIZE];
    IntByReference length = new IntByReference(address.length);
    Syscall.check(LibC.INSTANCE.getsockname(fd, address, length), () -> Call.of("getsockname", fd));
    return ByteBuffer.wrap(address).order(ByteOrder.nativeOrder()).getInt(4);
  }

  /** A {@code struct sockaddr_nl}: family, padding, port id, multicast groups. */
  private static byte[] address(int portId, int groups) {
    return ByteBuffer.allocate(SOCKADDR_NL_SIZE)
        .order(ByteOrder.nativeOrder())
        .putShort((short) AF_NETLINK)
        .putShort((short) 0)
        .putInt(portId)
        .putInt(groups)
        .array();
  }
}
