package dev.berth.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-encoded RTM_GETLINK dump for tests: the names of all links in the socket's network
 * namespace (real message encoding belongs to {@code network.netlink}).
 */
final class LinkDump {
  private static final short RTM_NEWLINK = 16;
  private static final short RTM_GETLINK = 18;
  private static final short NLMSG_ERROR = 2;
  private static final short NLMSG_DONE = 3;
  private static final short NLM_F_REQUEST = 1;
  private static final short NLM_F_DUMP = 0x300;
  private static final short IFLA_IFNAME = 3;
  private static final int NLMSG_HDRLEN = 16;
  private static final int IFINFOMSG_LEN = 16;

  private LinkDump() {}

  static List<String> names(NetlinkSocket socket) throws LinuxException {
    int sequence = 4242;
    socket.send(request(sequence));
    List<String> names = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.nativeOrder());
    while (true) {
      buffer.clear();
      int length = socket.receive(buffer);
      buffer.flip();
      int offset = 0;
      while (offset + NLMSG_HDRLEN <= length) {
        int messageLength = buffer.getInt(offset);
        short type = buffer.getShort(offset + 4);
        if (buffer.getInt(offset + 8) != sequence) {
          throw new IllegalStateException("reply for another sequence");
        }
        if (type == NLMSG_DONE) {
          return names;
        }
        if (type == NLMSG_ERROR) {
          throw new LinuxException("RTM_GETLINK dump", -buffer.getInt(offset + NLMSG_HDRLEN));
        }
        if (type == RTM_NEWLINK) {
          names.add(ifname(buffer, offset + NLMSG_HDRLEN + IFINFOMSG_LEN, offset + messageLength));
        }
        offset += align(messageLength);
      }
    }
  }

  private static byte[] request(int sequence) {
    return ByteBuffer.allocate(NLMSG_HDRLEN + IFINFOMSG_LEN)
        .order(ByteOrder.nativeOrder())
        .putInt(NLMSG_HDRLEN + IFINFOMSG_LEN)
        .putShort(RTM_GETLINK)
        .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
        .putInt(sequence)
        .putInt(0)
        .array(); // the ifinfomsg stays zero: AF_UNSPEC, every link
  }

  private static String ifname(ByteBuffer buffer, int start, int end) {
    int offset = start;
    while (offset + 4 <= end) {
      int length = Short.toUnsignedInt(buffer.getShort(offset));
      if (buffer.getShort(offset + 2) == IFLA_IFNAME) {
        byte[] name = new byte[length - 4];
        buffer.get(offset + 4, name);
        return new String(name, StandardCharsets.US_ASCII).replace("\0", "");
      }
      offset += align(Math.max(length, 4));
    }
    throw new IllegalStateException("link without IFLA_IFNAME");
  }

  private static int align(int length) {
    return (length + 3) & ~3;
  }
}
