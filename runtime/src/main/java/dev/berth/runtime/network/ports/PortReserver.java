package dev.berth.runtime.network.ports;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves host ports by binding sockets on them (as Docker's port reservations do): all or none,
 * failing with the port named when one is taken. DNAT sends traffic on before it reaches them.
 */
public final class PortReserver {

  public PortReservation reserve(List<PortBinding> bindings) throws EngineException {
    List<PublishedPort> ports = new ArrayList<>();
    List<Closeable> sockets = new ArrayList<>();
    try {
      for (PortBinding binding : bindings) {
        Closeable socket = bind(binding);
        sockets.add(socket);
        ports.add(
            new PublishedPort(
                binding.protocol(), binding.hostIp(), localPort(socket), binding.containerPort()));
      }
      return new PortReservation(ports, sockets);
    } catch (EngineException | RuntimeException e) {
      new PortReservation(ports, sockets).close();
      throw e;
    }
  }

  private static Closeable bind(PortBinding binding) throws EngineException {
    if (binding.hostPorts().isEmpty()) {
      return bindOne(binding, 0);
    }
    PortRange range = binding.hostPorts().get();
    EngineException last = null;
    for (int port = range.first(); port <= range.last(); port++) {
      try {
        return bindOne(binding, port);
      } catch (EngineException e) {
        last = e;
      }
    }
    if (range.size() == 1) {
      throw last;
    }
    throw new EngineException(
        ErrorKind.CONFLICT,
        "publish " + binding.describe() + ": every port of " + range + " is already in use");
  }

  private static Closeable bindOne(PortBinding binding, int port) throws EngineException {
    InetAddress address = binding.hostIp().orElse(new Ipv4Address(0)).toInetAddress();
    InetSocketAddress where = new InetSocketAddress(address, port);
    try {
      if (binding.protocol() == Protocol.TCP) {
        ServerSocket socket = new ServerSocket();
        try {
          socket.bind(where, 1);
        } catch (IOException e) {
          socket.close();
          throw e;
        }
        return socket;
      }
      return new DatagramSocket(where);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "publish "
              + binding.describe()
              + ": host port "
              + address.getHostAddress()
              + ":"
              + port
              + "/"
              + binding.protocol().nftName()
              + " is already in use ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private static int localPort(Closeable socket) {
    return socket instanceof ServerSocket tcp
        ? tcp.getLocalPort()
        : ((DatagramSocket) socket).getLocalPort();
  }
}
