package dev.berth.testkit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test image to build: its repository name, tag, layers (lowest first), labels and the command
 * its config names ({@code sh} unless given).
 */
public record TestImage(
    String name, String tag, List<Layer> layers, Map<String, String> labels, List<String> cmd) {

  public TestImage {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("image " + name + " needs at least one layer");
    }
    layers = List.copyOf(layers);
    labels = Map.copyOf(new TreeMap<>(labels));
    cmd = List.copyOf(cmd);
  }

  /** An image whose command is {@code sh}. */
  public TestImage(String name, String tag, List<Layer> layers, Map<String, String> labels) {
    this(name, tag, layers, labels, List.of("sh"));
  }

  /** {@code name:tag}. */
  public String repoAndTag() {
    return name + ":" + tag;
  }
}
