package dev.berth.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds what berth may have left on the host: compare a {@link Snapshot} taken before a test with
 * the host after the test cleaned up.
 *
 * <pre>{@code
 * HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
 * ... start and remove containers, networks ...
 * HostLeakCheck.assertNothingLeakedSince(before);
 * }</pre>
 */
public final class HostLeakCheck {

  private static final Duration POLL = Duration.ofMillis(100);

  private HostLeakCheck() {}

  /** The berth-named objects on the host at one moment. */
  public record Snapshot(Set<Leak> objects) {

    public Snapshot {
      objects = Set.copyOf(objects);
    }
  }

  /** Every berth-named object on the host now. */
  public static Snapshot snapshot() {
    return new Snapshot(HostScanner.scan());
  }

  /** Objects on the host now that {@code before} did not have, sorted by kind and name. */
  public static List<Leak> leakedSince(Snapshot before) {
    Set<Leak> now = new TreeSet<>(HostScanner.scan());
    now.removeAll(before.objects());
    return List.copyOf(now);
  }

  /** Throws an AssertionError listing every object that appeared since {@code before}. */
  public static void assertNothingLeakedSince(Snapshot before) {
    List<Leak> leaks = leakedSince(before);
    if (!leaks.isEmpty()) {
      throw new AssertionError(describe(leaks));
    }
  }

  /**
   * Like {@link #assertNothingLeakedSince} but allows up to {@code timeout} for the kernel's
   * asynchronous cleanup, e.g. a veth going after its netns was deleted.
   */
  public static void awaitNothingLeakedSince(Snapshot before, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<Leak> leaks = leakedSince(before);
    while (!leaks.isEmpty() && Instant.now().isBefore(deadline)) {
      Pause.of(POLL);
      leaks = leakedSince(before);
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError(describe(leaks) + "\n(still there after " + timeout + ")");
    }
  }

  static String describe(List<Leak> leaks) {
    return "berth left "
        + leaks.size()
        + " object(s) on the host:\n"
        + leaks.stream().map(leak -> "  " + leak).collect(Collectors.joining("\n"));
  }
}
