package dev.berth.runtime.network.dns;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A DNS server on one address, UDP and TCP on the same port, answering through a handler. */
public final class DnsServer implements AutoCloseable {
  private static final int TCP_IDLE_MILLIS = 10_000;
  private static final int MAX_IN_FLIGHT = 64;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final QueryHandler handler;
  private final DnsListener listener;
  private final ExecutorService workers;
  private final ThreadPoolExecutor queries;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DnsServer(
      DatagramSocket udp, ServerSocket tcp, QueryHandler handler, DnsListener listener) {
    this.udp = udp;
    this.tcp = tcp;
    this.handler = handler;
    this.listener = listener;
    this.workers =
        Executors.newFixedThreadPool(2, daemonThreads("berth-dns-" + udp.getLocalPort()));
    // At most MAX_IN_FLIGHT queries at once (forwarding may wait on upstream): more are dropped,
    // and stub resolvers retry, rather than a flood growing threads without bound.
    this.queries =
        new ThreadPoolExecutor(
            0,
            MAX_IN_FLIGHT,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads("berth-dns-query-" + udp.getLocalPort()),
            new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Binds UDP and TCP on {@code address} (port 0: one port free for both, tried a few times) and
   * starts answering.
   */
  public static DnsServer start(
      InetSocketAddress address, QueryHandler handler, DnsListener listener)
      throws EngineException {
    int attempts = address.getPort() == 0 ? 10 : 1;
    IOException last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        return bind(address, handler, listener);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new EngineException(
        ErrorKind.CONFLICT,
        "start DNS server on "
            + address.getHostString()
            + ":"
            + address.getPort()
            + ": "
            + last.getMessage(),
        last);
  }

  private static DnsServer bind(
      InetSocketAddress address, QueryHandler handler, DnsListener listener) throws IOException {
    DatagramSocket udp = new DatagramSocket(address);
    try {
      ServerSocket tcp = new ServerSocket();
      try {
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(address.getAddress(), udp.getLocalPort()));
      } catch (IOException e) {
        tcp.close();
        throw e;
      }
      DnsServer server = new DnsServer(udp, tcp, handler, listener);
      server.workers.execute(server::serveUdp);
      server.workers.execute(server::serveTcp);
      return server;
    } catch (IOException | RuntimeException e) {
      udp.close();
      throw e;
    }
  }

  /** The address both sockets are bound to, with the real port. */
  public InetSocketAddress address() {
    return (InetSocketAddress) udp.getLocalSocketAddress();
  }

  @Override
  public void close() {
    closed = true;
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      listener.problem("close DNS TCP socket " + address() + ": " + e.getMessage());
    }
    for (Socket connection : connections) {
      try {
        connection.close();
      } catch (IOException e) {
        // closing to unblock its reader; nothing more to do
      }
    }
    workers.shutdownNow();
    queries.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          listener.problem("DNS on " + address() + " stopped receiving: " + e.getMessage());
        }
        return;
      }
      byte[] query = Arrays.copyOf(buffer, packet.getLength());
      SocketAddress client = packet.getSocketAddress();
      try {
        queries.execute(() -> answerUdp(query, client));
      } catch (RejectedExecutionException e) {
        // too many in flight: dropped, the client retries
      }
    }
  }

  private void answerUdp(byte[] query, SocketAddress client) {
    Optional<byte[]> answer = handler.handle(query, false, ipv4Of(client));
    if (answer.isEmpty()) {
      return;
    }
    try {
      udp.send(new DatagramPacket(answer.get(), answer.get().length, client));
    } catch (IOException e) {
      if (!closed) {
        listener.problem("DNS answer to " + client + ": " + e.getMessage());
      }
    }
  }

  private void serveTcp() {
    while (!closed) {
      try {
        Socket connection = tcp.accept();
        try {
          queries.execute(() -> answerTcp(connection));
        } catch (RejectedExecutionException e) {
          connection.close();
        }
      } catch (IOException e) {
        if (!closed) {
          listener.problem("DNS on " + address() + " stopped accepting: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void answerTcp(Socket connection) {
    connections.add(connection);
    try (connection) {
      connection.setSoTimeout(TCP_IDLE_MILLIS);
      DataInputStream in = new DataInputStream(connection.getInputStream());
      DataOutputStream out = new DataOutputStream(connection.getOutputStream());
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketException | SocketTimeoutException e) {
          return;
        }
        byte[] query = new byte[length];
        in.readFully(query);
        Optional<byte[]> answer =
            handler.handle(query, true, ipv4Of(connection.getRemoteSocketAddress()));
        if (answer.isEmpty()) {
          return;
        }
        out.writeShort(answer.get().length);
        out.write(answer.get());
        out.flush();
      }
    } catch (IOException e) {
      if (!closed) {
        listener.problem("DNS over TCP from " + connection.getRemoteSocketAddress() + ": " + e);
      }
    } finally {
      connections.remove(connection);
    }
  }

  private static Optional<Ipv4Address> ipv4Of(SocketAddress client) {
    if (client instanceof InetSocketAddress inet && inet.getAddress() instanceof Inet4Address v4) {
      return Optional.of(Ipv4Address.ofBytes(v4.getAddress()));
    }
    return Optional.empty();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
