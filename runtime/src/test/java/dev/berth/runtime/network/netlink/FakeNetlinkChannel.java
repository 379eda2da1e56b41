package dev.berth.runtime.network.netlink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.IntFunction;

/** A netlink channel whose answers are scripted per request: each send queues its replies. */
final class FakeNetlinkChannel implements NetlinkChannel {
  private final Deque<IntFunction<byte[]>> answers = new ArrayDeque<>();
  private final Deque<byte[]> pending = new ArrayDeque<>();
  final List<byte[]> sent = new ArrayList<>();
  boolean closed;

  /** The next request is answered by this datagram, built from its sequence number. */
  FakeNetlinkChannel answer(IntFunction<byte[]> datagram) {
    answers.add(datagram);
    return this;
  }

  @Override
  public void send(byte[] message) {
    sent.add(message.clone());
    int sequence =
        java.nio.ByteBuffer.wrap(message).order(java.nio.ByteOrder.nativeOrder()).getInt(8);
    pending.add(answers.remove().apply(sequence));
  }

  @Override
  public int receive(byte[] buffer) {
    byte[] datagram = pending.remove();
    System.arraycopy(datagram, 0, buffer, 0, datagram.length);
    return datagram.length;
  }

  @Override
  public void close() {
    closed = true;
  }

  static byte[] ack(int sequence) {
    return error(sequence, 0);
  }

  /** An NLMSG_ERROR carrying {@code -errno} and a copy of a 16-byte request header. */
  static byte[] error(int sequence, int errno) {
    return new MessageWriter(Rtnl.NLMSG_ERROR, 0)
        .raw(
            java.nio.ByteBuffer.allocate(4)
                .order(java.nio.ByteOrder.nativeOrder())
                .putInt(-errno)
                .array())
        .raw(new byte[16])
        .finish(sequence);
  }

  static byte[] done(int sequence) {
    return new MessageWriter(Rtnl.NLMSG_DONE, Rtnl.NLM_F_MULTI).raw(new byte[4]).finish(sequence);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
