package dev.berth.runtime.network.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Forwards a query to each server in turn, as a stub resolver does, until one answers. */
public final class ForwardingUpstream implements Upstream {
  private static final int MAX_UDP = 65535;
  private final List<InetSocketAddress> servers;
  private final Duration timeout;

  public ForwardingUpstream(List<InetSocketAddress> servers, Duration timeout) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no upstream DNS servers");
    }
    this.servers = List.copyOf(servers);
    this.timeout = timeout;
  }

  @Override
  public byte[] forward(byte[] query, boolean tcp) throws IOException {
    IOException last = null;
    for (InetSocketAddress server : servers) {
      try {
        return tcp ? overTcp(server, query) : overUdp(server, query);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new IOException("no answer from " + describe() + ": " + last.getMessage(), last);
  }

  @Override
  public String describe() {
    return servers.stream()
        .map(s -> s.getHostString() + ":" + s.getPort())
        .collect(Collectors.joining(", "));
  }

  private byte[] overUdp(InetSocketAddress server, byte[] query) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.connect(server);
      socket.send(new DatagramPacket(query, query.length));
      byte[] buffer = new byte[MAX_UDP];
      while (true) {
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        socket.receive(reply);
        // Only an answer carrying the query's ID counts; anything else is noise or spoofing.
        if (reply.getLength() >= 2 && buffer[0] == query[0] && buffer[1] == query[1]) {
          return Arrays.copyOf(buffer, reply.getLength());
        }
      }
    } catch (SocketTimeoutException e) {
      throw new IOException(server + " timed out after " + timeout.toMillis() + " ms", e);
    }
  }

  private byte[] overTcp(InetSocketAddress server, byte[] query) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      return reply;
    }
  }
}
