package dev.berth.runtime.server.engine;

/** Containers by state, as {@code /info} reports them. */
public record ContainerCounts(int running, int paused, int stopped) {
  public static final ContainerCounts NONE = new ContainerCounts(0, 0, 0);

  public int total() {
    return running + paused + stopped;
  }
}
