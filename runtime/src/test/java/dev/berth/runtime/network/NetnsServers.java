package dev.berth.runtime.network;

import dev.berth.runtime.linux.Namespaces;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Tiny servers whose sockets live in a test namespace: TCP says a text, UDP echoes it back. */
final class NetnsServers {
  private NetnsServers() {}

  /** Each TCP connection to {@code port} gets {@code text} and is closed. */
  static AutoCloseable tcpSaying(Path netns, int port, String text) throws Exception {
    ServerSocket server =
        Namespaces.callInNetworkNamespace(
            netns,
            () -> {
              ServerSocket socket = new ServerSocket();
              socket.setReuseAddress(true);
              socket.bind(new InetSocketAddress(port));
              return socket;
            });
    Thread thread =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try (Socket client = server.accept();
                    OutputStream out = client.getOutputStream()) {
                  out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  return;
                }
              }
            },
            "test-tcp-" + port);
    thread.setDaemon(true);
    thread.start();
    return server::close;
  }

  /** Every UDP datagram to {@code port} is answered with {@code prefix} + the datagram. */
  static AutoCloseable udpEcho(Path netns, int port, String prefix) throws Exception {
    DatagramSocket socket =
        Namespaces.callInNetworkNamespace(netns, () -> new DatagramSocket(port));
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[1500];
              while (!socket.isClosed()) {
                try {
                  DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                  socket.receive(packet);
                  byte[] reply =
                      (prefix + new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8))
                          .getBytes(StandardCharsets.UTF_8);
                  socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                } catch (IOException e) {
                  return;
                }
              }
            },
            "test-udp-" + port);
    thread.setDaemon(true);
    thread.start();
    return socket::close;
  }
}
