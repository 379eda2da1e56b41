package dev.berth.testkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test image to build: its repository name, tag, layers (lowest first) and labels. */
public record TestImage(String name, String tag, List<Layer> layers, Map<String, String> labels) {

  public TestImage {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("image " + name + " needs at least one layer");
    }
    layers = List.copyOf(layers);
    labels = Map.copyOf(new TreeMap<>(labels));
  }

  /** {@code name:tag}. */
  public String repoAndTag() {
    return name + ":" + tag;
  }
}
