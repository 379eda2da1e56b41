package dev.berth.runtime.network;

import dev.berth.testkit.HostLeakCheck;
import dev.berth.testkit.Leak;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host leak check narrowed to what one test made (its links, its root directory, its nft table
 * and iptables chain suffix): the machine is shared, and other work may create berth objects while
 * a test runs.
 */
public final class OwnLeaks {
  private final HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
  private final Set<String> links = ConcurrentHashMap.newKeySet();
  private final Set<String> markers = ConcurrentHashMap.newKeySet();

  /** A link name this test made (bridge, veth). */
  public void link(String name) {
    links.add(name);
  }

  /** A string only this test's namespaces, mounts, nft tables and chains contain. */
  public void marker(String text) {
    markers.add(text);
  }

  /** Fails listing every object of this test still on the host after {@code timeout}. */
  public void awaitNone(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<Leak> leaks = mine();
    while (!leaks.isEmpty() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      leaks = mine();
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("this test left on the host: " + leaks);
    }
  }

  private List<Leak> mine() {
    return HostLeakCheck.leakedSince(before).stream().filter(this::isMine).toList();
  }

  private boolean isMine(Leak leak) {
    if (leak.kind() == Leak.Kind.LINK) {
      return links.contains(leak.name());
    }
    return markers.stream().anyMatch(marker -> leak.name().contains(marker));
  }
}
