package dev.berth.runtime.network.dns;

import java.io.IOException;

/** Where queries for names berth does not know go: the host's resolvers, or a fake in tests. */
public interface Upstream {

  /**
   * The upstream's answer to {@code query} (a whole DNS message), asked over TCP if {@code tcp}.
   */
  byte[] forward(byte[] query, boolean tcp) throws IOException;

  /** Describes the servers for error messages, e.g. {@code 10.0.0.53:53}. */
  String describe();
}
