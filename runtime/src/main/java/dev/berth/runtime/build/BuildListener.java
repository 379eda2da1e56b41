package dev.berth.runtime.build;

/**
 * Where a build reports progress, in the classic builder's words ({@code Step 2/5 : RUN make},
 * {@code ---> Using cache}, RUN output); the caller decides how it looks.
 */
public interface BuildListener {
  /** Ignores everything. */
  BuildListener NONE = text -> {};

  /** A piece of output, ending in a newline. */
  void stream(String text);

  /** The image was built (before {@code Successfully built}); the API sends it as {@code aux}. */
  default void built(dev.berth.runtime.image.Digest imageId) {}
}
