package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.NetlinkSocket;
import java.nio.ByteBuffer;
import java.time.Duration;

/** A real NETLINK_ROUTE socket from the linux facade, in the namespace it was opened in. */
final class KernelNetlinkChannel implements NetlinkChannel {
  private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);
  private final NetlinkSocket socket;

  KernelNetlinkChannel(NetlinkSocket socket) {
    this.socket = socket;
  }

  static KernelNetlinkChannel open() throws LinuxException {
    NetlinkSocket socket = NetlinkSocket.openRoute();
    try {
      socket.setReceiveTimeout(RECEIVE_TIMEOUT);
      return new KernelNetlinkChannel(socket);
    } catch (LinuxException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public void send(byte[] message) throws EngineException {
    socket.send(message);
  }

  @Override
  public int receive(byte[] buffer) throws EngineException {
    return socket.receive(ByteBuffer.wrap(buffer));
  }

  @Override
  public void close() {
    socket.close();
  }
}
