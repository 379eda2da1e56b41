package dev.berth.runtime.build;

import dev.berth.runtime.image.Digest;
import java.util.List;

/** What a build produced: the image ID, the tags it got, and how many steps came from cache. */
public record BuildResult(Digest imageId, List<String> tags, int steps, int cachedSteps) {
  public BuildResult {
    tags = List.copyOf(tags);
  }
}
