package dev.berth.runtime.image.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageIndex;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.ManifestDocument;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.Platform;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads manifests, indexes and configs into {@code image} records, and writes them back. */
public final class ImageJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private ImageJson() {}

  /**
   * Parses a manifest or an index. {@code contentType} (a registry's Content-Type, may be null) is
   * used when the document does not name its own media type.
   */
  public static ManifestDocument parseManifest(byte[] json, String contentType)
      throws InvalidImageDataException {
    ManifestTemplate t = read(json, ManifestTemplate.class, "manifest");
    String type = t.mediaType != null ? t.mediaType : baseType(contentType);
    boolean index =
        type != null && !type.isEmpty() ? MediaTypes.INDEXES.contains(type) : t.manifests != null;
    try {
      if (index) {
        return new ImageIndex(
            type == null || type.isEmpty() ? MediaTypes.OCI_INDEX : type, descriptors(t.manifests));
      }
      if (t.config == null) {
        throw new InvalidImageDataException(
            "manifest of type \"" + type + "\" has no config (schema1 manifests are unsupported)");
      }
      return new Manifest(
          type == null || type.isEmpty() ? MediaTypes.OCI_MANIFEST : type,
          descriptor(t.config),
          descriptors(t.layers));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidImageDataException("invalid manifest: " + e.getMessage(), e);
    }
  }

  /** Parses an image config. */
  public static ImageConfig parseConfig(byte[] json) throws InvalidImageDataException {
    ConfigTemplate t = read(json, ConfigTemplate.class, "image config");
    ConfigTemplate.RunConfig c = t.config != null ? t.config : new ConfigTemplate.RunConfig();
    List<Digest> diffIds = new ArrayList<>();
    if (t.rootfs != null && t.rootfs.diffIds != null) {
      for (String id : t.rootfs.diffIds) {
        diffIds.add(Digest.parse(id));
      }
    }
    return new ImageConfig(
        t.os,
        t.architecture,
        t.variant,
        c.env,
        c.cmd,
        c.entrypoint,
        c.workingDir,
        c.user,
        c.exposedPorts == null ? null : c.exposedPorts.keySet(),
        c.volumes == null ? null : c.volumes.keySet(),
        healthcheck(c.healthcheck),
        c.stopSignal,
        c.labels,
        diffIds);
  }

  /** The config's {@code created} time, if it has a valid one. */
  public static java.util.Optional<java.time.Instant> created(byte[] configJson)
      throws InvalidImageDataException {
    String created = read(configJson, ConfigTemplate.class, "image config").created;
    try {
      return created == null || created.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(java.time.OffsetDateTime.parse(created).toInstant());
    } catch (java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }

  /** Serializes a manifest in its own media type. */
  public static byte[] write(Manifest manifest) {
    ManifestTemplate t = new ManifestTemplate();
    t.mediaType = manifest.mediaType();
    t.config = template(manifest.config());
    t.layers = manifest.layers().stream().map(ImageJson::template).toList();
    return bytes(t);
  }

  /** Serializes an index. */
  public static byte[] write(ImageIndex index) {
    ManifestTemplate t = new ManifestTemplate();
    t.mediaType = index.mediaType();
    t.manifests = index.manifests().stream().map(ImageJson::template).toList();
    return bytes(t);
  }

  /** Serializes any Jackson-friendly template (used for archive metadata files). */
  public static byte[] bytes(Object template) {
    try {
      return MAPPER.writeValueAsBytes(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + template.getClass(), e);
    }
  }

  /** Reads any template class from JSON, naming {@code what} in errors. */
  public static <T> T read(byte[] json, Class<T> type, String what)
      throws InvalidImageDataException {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new InvalidImageDataException(
          "invalid " + what + " JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidImageDataException("invalid " + what + " JSON: " + e.getMessage(), e);
    }
  }

  static Descriptor descriptor(DescriptorTemplate t) throws InvalidImageDataException {
    if (t.mediaType == null || t.digest == null) {
      throw new InvalidImageDataException("descriptor without mediaType or digest");
    }
    Platform platform = null;
    if (t.platform != null && t.platform.os != null && t.platform.architecture != null) {
      platform = new Platform(t.platform.os, t.platform.architecture, t.platform.variant);
    }
    return new Descriptor(
        t.mediaType, Digest.parse(t.digest), t.size, t.urls, platform, t.annotations);
  }

  static DescriptorTemplate template(Descriptor d) {
    DescriptorTemplate t = new DescriptorTemplate();
    t.mediaType = d.mediaType();
    t.digest = d.digest().toString();
    t.size = d.size();
    t.urls = d.urls().isEmpty() ? null : d.urls();
    t.annotations = d.annotations().isEmpty() ? null : new TreeMap<>(d.annotations());
    if (d.platform() != null) {
      t.platform = new DescriptorTemplate.PlatformTemplate();
      t.platform.os = d.platform().os();
      t.platform.architecture = d.platform().architecture();
      t.platform.variant = d.platform().variant().isEmpty() ? null : d.platform().variant();
    }
    return t;
  }

  private static List<Descriptor> descriptors(List<DescriptorTemplate> list)
      throws InvalidImageDataException {
    List<Descriptor> out = new ArrayList<>();
    for (DescriptorTemplate t : list == null ? List.<DescriptorTemplate>of() : list) {
      out.add(descriptor(t));
    }
    return out;
  }

  private static Healthcheck healthcheck(ConfigTemplate.HealthTemplate h) {
    if (h == null) {
      return null;
    }
    return new Healthcheck(
        h.test,
        Duration.ofNanos(h.interval),
        Duration.ofNanos(h.timeout),
        Duration.ofNanos(h.startPeriod),
        Duration.ofNanos(h.startInterval),
        h.retries);
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }
}
