package dev.berth.runtime.network.ports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Host ports held by berth for one endpoint; closing gives them back. */
public final class PortReservation implements AutoCloseable {
  private final List<PublishedPort> ports;
  private final List<Closeable> sockets;

  PortReservation(List<PublishedPort> ports, List<Closeable> sockets) {
    this.ports = List.copyOf(ports);
    this.sockets = List.copyOf(sockets);
  }

  public List<PublishedPort> ports() {
    return ports;
  }

  @Override
  public void close() {
    for (Closeable socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // a socket that will not close is closed enough: the port is released with the fd
      }
    }
  }
}
