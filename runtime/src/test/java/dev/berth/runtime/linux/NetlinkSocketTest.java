package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A NETLINK_ROUTE socket talking to the host's kernel (root). */
class NetlinkSocketTest {

  @Test
  void openRoute_dumpOfLinks_containsLo() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
      assertThat(LinkDump.names(socket)).contains("lo");
    }
  }

  @Test
  void openRoute_isBoundToAPortTheKernelAssigned() throws Exception {
    try (NetlinkSocket first = NetlinkSocket.openRoute();
        NetlinkSocket second = NetlinkSocket.openRoute()) {
      assertThat(first.portId()).isNotZero().isNotEqualTo(second.portId());
    }
  }

  @Test
  void send_ofByteBuffer_consumesItAndGetsAReplyAddressedToTheSocket() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
      ByteBuffer request = ByteBuffer.wrap(linkDumpRequest());
      ByteBuffer reply = ByteBuffer.allocate(64 * 1024).order(ByteOrder.nativeOrder());

      socket.send(request);
      int length = socket.receive(reply);

      assertThat(request.hasRemaining()).isFalse();
      assertThat(reply.position()).isEqualTo(length);
      assertThat(reply.getInt(0)).isBetween(16, length);
      assertThat(reply.getInt(12)).as("nlmsg_pid").isEqualTo(socket.portId());
    }
  }

  @Test
  void setOption_extendedAck_isAccepted() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
      socket.setOption(NetlinkSocket.SOL_NETLINK, NetlinkSocket.NETLINK_EXT_ACK, 1);
      socket.setOption(NetlinkSocket.SOL_NETLINK, NetlinkSocket.NETLINK_GET_STRICT_CHK, 1);

      assertThat(LinkDump.names(socket)).contains("lo");
    }
  }

  @Test
  void receive_intoTooSmallBuffer_throwsEmsgsizeInsteadOfTruncating() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
      socket.setReceiveTimeout(Duration.ofSeconds(5));
      socket.send(ByteBuffer.wrap(linkDumpRequest()));

      assertThatThrownBy(() -> socket.receive(ByteBuffer.allocate(16)))
          .isInstanceOfSatisfying(
              LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EMSGSIZE))
          .hasMessageContaining(", 16, MSG_TRUNC) = ")
          .hasMessageEndingWith(": EMSGSIZE (Message too long)");
    }
  }

  @Test
  void receive_withNothingPending_timesOutWithEagainAsUnavailable() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.openRoute()) {
      socket.setReceiveTimeout(Duration.ofMillis(50));

      assertThatThrownBy(() -> socket.receive(ByteBuffer.allocate(4096)))
          .isInstanceOfSatisfying(
              LinuxException.class,
              e -> {
                assertThat(e.errno()).isEqualTo(Errno.EAGAIN);
                assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
              })
          .hasMessageStartingWith("recv(netlink(protocol 0, port ");
    }
  }

  @Test
  void receive_afterClose_isRefused() throws Exception {
    NetlinkSocket socket = NetlinkSocket.openRoute();
    socket.close();
    socket.close();

    assertThatThrownBy(() -> socket.receive(ByteBuffer.allocate(64)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  private static byte[] linkDumpRequest() {
    ByteBuffer request = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
    request.putInt(32).putShort((short) 18).putShort((short) 0x301).putInt(1).putInt(0);
    return request.array();
  }
}
