package dev.berth.runtime.network.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** Builds one netlink message: header, family struct, then (nested) attributes, 4-byte aligned. */
final class MessageWriter {
  private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
  private final Deque<Integer> openNests = new ArrayDeque<>();

  MessageWriter(int type, int flags) {
    buffer.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
  }

  MessageWriter ifinfomsg(int family, int index, int flags, int change) {
    ensure(Rtnl.IFINFOMSG_LEN);
    buffer.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index);
    buffer.putInt(flags).putInt(change);
    return this;
  }

  MessageWriter ifaddrmsg(int family, int prefixLength, int scope, int index) {
    ensure(Rtnl.IFADDRMSG_LEN);
    buffer.put((byte) family).put((byte) prefixLength).put((byte) 0).put((byte) scope);
    buffer.putInt(index);
    return this;
  }

  MessageWriter rtmsg(int family, int dstLength, int table, int protocol, int scope, int type) {
    ensure(Rtnl.RTMSG_LEN);
    buffer.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0);
    buffer.put((byte) table).put((byte) protocol).put((byte) scope).put((byte) type).putInt(0);
    return this;
  }

  /** Bytes written as they are, for replies built in tests (error payloads). */
  MessageWriter raw(byte[] bytes) {
    ensure(bytes.length);
    buffer.put(bytes);
    return this;
  }

  MessageWriter attr(int type, byte[] payload) {
    int length = 4 + payload.length;
    ensure(align(length));
    buffer.putShort((short) length).putShort((short) type).put(payload);
    pad();
    return this;
  }

  MessageWriter attrInt(int type, int value) {
    return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
  }

  /** A NUL-terminated string attribute, as iproute2 sends names and kinds. */
  MessageWriter attrString(int type, String value) {
    byte[] text = value.getBytes(StandardCharsets.US_ASCII);
    return attr(type, Arrays.copyOf(text, text.length + 1));
  }

  MessageWriter beginNested(int type) {
    ensure(4);
    openNests.push(buffer.position());
    buffer.putShort((short) 0).putShort((short) type);
    return this;
  }

  MessageWriter endNested() {
    int start = openNests.pop();
    buffer.putShort(start, (short) (buffer.position() - start));
    return this;
  }

  /** The finished message with its length and sequence number filled in. */
  byte[] finish(int sequence) {
    if (!openNests.isEmpty()) {
      throw new IllegalStateException("unclosed nested attribute");
    }
    buffer.putInt(0, buffer.position()).putInt(8, sequence);
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  static int align(int length) {
    return (length + 3) & ~3;
  }

  private void pad() {
    while (buffer.position() % 4 != 0) {
      buffer.put((byte) 0);
    }
  }

  private void ensure(int more) {
    if (buffer.remaining() < more) {
      ByteBuffer bigger =
          ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
              .order(ByteOrder.nativeOrder());
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
  }
}
