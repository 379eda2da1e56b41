package dev.berth.runtime.volume;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.Objects;

/**
 * One mount a container asks for: a bind of a host path, a named or anonymous volume (empty
 * source), or a tmpfs; with read-only, propagation, {@code nocopy} and tmpfs size/mode.
 */
public record MountRequest(
    Type type,
    String source,
    String target,
    boolean readOnly,
    String propagation,
    boolean noCopy,
    long tmpfsSizeBytes,
    int tmpfsMode) {

  /** The kinds of mount. */
  public enum Type {
    BIND,
    VOLUME,
    TMPFS
  }

  public MountRequest {
    Objects.requireNonNull(type, "type");
    source = source == null ? "" : source;
    propagation = propagation == null ? "" : propagation;
    if (target == null || !target.startsWith("/")) {
      throw new IllegalArgumentException("mount target must be absolute: " + target);
    }
  }

  /** A bind mount of {@code source} (created if missing) at {@code target}. */
  public static MountRequest bind(String source, String target, boolean readOnly) {
    return new MountRequest(Type.BIND, source, target, readOnly, "", false, 0, 0);
  }

  /** A named volume, or an anonymous one when {@code name} is empty. */
  public static MountRequest volume(String name, String target, boolean readOnly) {
    return new MountRequest(Type.VOLUME, name, target, readOnly, "", false, 0, 0);
  }

  /** A tmpfs at {@code target}; size 0 means the kernel's default. */
  public static MountRequest tmpfs(String target, long sizeBytes) {
    return new MountRequest(Type.TMPFS, "", target, false, "", false, sizeBytes, 0);
  }

  /** Parses the short {@code tmpfs} form {@code /run:size=64m,mode=1777}. */
  public static MountRequest parseTmpfs(String spec) throws EngineException {
    String[] parts = spec.split(":", 2);
    long size = 0;
    int mode = 0;
    if (parts.length == 2) {
      for (String option : parts[1].split(",")) {
        if (option.startsWith("size=")) {
          size = parseSize(option.substring(5));
        } else if (option.startsWith("mode=")) {
          mode = Integer.parseInt(option.substring(5), 8);
        }
      }
    }
    if (!parts[0].startsWith("/")) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid tmpfs \"" + spec + "\"");
    }
    return new MountRequest(Type.TMPFS, "", parts[0], false, "", false, size, mode);
  }

  /** Parses {@code 64m}, {@code 1g}, {@code 512k} or plain bytes. */
  public static long parseSize(String text) throws EngineException {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if ("kmg".indexOf(last) >= 0) {
      unit = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Math.round(Double.parseDouble(t) * unit);
    } catch (NumberFormatException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid size \"" + text + "\"");
    }
  }
}
