package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a TCP or UDP port on 127.0.0.1 that is free right now. */
public final class FreePort {

  private FreePort() {}

  /** A TCP port free on 127.0.0.1. */
  public static int tcp() {
    return onLoopback();
  }

  /** A UDP port free on 127.0.0.1. */
  public static int udp() {
    try (java.net.DatagramSocket socket =
        new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback UDP port", e);
    }
  }

  static int onLoopback() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }
}
