package dev.berth.runtime.network.dns;

/** Hears what the DNS server cannot tell its clients; the engine decides whether to log it. */
@FunctionalInterface
public interface DnsListener {

  /** A query could not be answered well, e.g. {@code web.: no answer from 10.0.0.53:53 ...}. */
  void problem(String message);

  static DnsListener ignoring() {
    return message -> {};
  }
}
