package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;

/** A bound NETLINK_ROUTE socket, or a fake of one: datagrams out, datagrams in. */
public interface NetlinkChannel extends AutoCloseable {

  void send(byte[] message) throws EngineException;

  /** Blocks for the next datagram, copies it into {@code buffer} and returns its length. */
  int receive(byte[] buffer) throws EngineException;

  @Override
  void close();
}
