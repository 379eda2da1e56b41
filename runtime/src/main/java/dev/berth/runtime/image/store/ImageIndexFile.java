package dev.berth.runtime.image.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shape of {@code images.json}: image records by ID. */
final class ImageIndexFile {
  public Map<String, Entry> images = new TreeMap<>();

  /** One image. */
  static final class Entry {
    public String manifest;
    public List<String> repoTags;
    public List<String> repoDigests;
    public long size;
    public String added;
  }
}
