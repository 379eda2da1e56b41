package dev.berth.runtime.container;

import java.nio.file.Path;

/**
 * The network namespace a container joins: the seam to the networks code. {@link Loopback} (also
 * {@code network_mode: none}) gets a fresh namespace with only {@code lo}; {@link Host} shares the
 * host's; {@link Joined} enters a namespace the network code created and wired.
 */
public sealed interface NetworkAttachment {

  /** A new network namespace created by the runtime: only a loopback interface. */
  record Loopback() implements NetworkAttachment {}

  /** {@code network_mode: none}: like {@link Loopback}. */
  record None() implements NetworkAttachment {}

  /** {@code network_mode: host}: no network namespace of its own. */
  record Host() implements NetworkAttachment {}

  /** An existing namespace, e.g. {@code /run/berth/netns/<id>}, with the addresses to announce. */
  record Joined(Path namespace, String address) implements NetworkAttachment {}
}
