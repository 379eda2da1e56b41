package dev.berth.runtime.network.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One received netlink message: the nlmsghdr fields and the bytes after the header. */
record Message(int type, int flags, int sequence, int portId, byte[] payload) {

  Message {
    payload = payload.clone();
  }

  /** Splits a datagram into its messages; a truncated or malformed one is an error. */
  static List<Message> parseAll(byte[] datagram, int length) {
    ByteBuffer in = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
    List<Message> messages = new ArrayList<>();
    while (in.remaining() >= Rtnl.NLMSG_HDRLEN) {
      int start = in.position();
      int messageLength = in.getInt();
      if (messageLength < Rtnl.NLMSG_HDRLEN || start + messageLength > length) {
        throw new IllegalArgumentException(
            "malformed netlink message: length " + messageLength + " at offset " + start);
      }
      int type = Short.toUnsignedInt(in.getShort());
      int flags = Short.toUnsignedInt(in.getShort());
      int sequence = in.getInt();
      int portId = in.getInt();
      byte[] payload =
          Arrays.copyOfRange(datagram, start + Rtnl.NLMSG_HDRLEN, start + messageLength);
      messages.add(new Message(type, flags, sequence, portId, payload));
      in.position(Math.min(length, start + MessageWriter.align(messageLength)));
    }
    return messages;
  }

  ByteBuffer body() {
    return ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
  }

  /** For NLMSG_ERROR: the errno as a positive number, 0 for an acknowledgement. */
  int errno() {
    if (type != Rtnl.NLMSG_ERROR || payload.length < 4) {
      throw new IllegalStateException("not an error message: type " + type);
    }
    return -body().getInt(0);
  }

  /** The attributes that follow a family header of {@code headerLength} bytes. */
  Attributes attributes(int headerLength) {
    return Attributes.parse(payload, headerLength, payload.length);
  }
}
