package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/**
 * A {@code devices} entry: {@code /dev/fuse}, {@code /dev/a:/dev/b} or {@code /dev/a:/dev/b:rw}.
 */
public record DeviceMapping(String hostPath, String containerPath, String permissions) {

  /** Parses Docker's {@code host[:container[:perms]]} form. */
  public static DeviceMapping parse(String spec) throws EngineException {
    String[] parts = spec.split(":");
    if (parts.length == 0 || parts.length > 3 || !parts[0].startsWith("/")) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid device \"" + spec + "\"");
    }
    String container = parts.length > 1 ? parts[1] : parts[0];
    String perms = parts.length > 2 ? parts[2] : "rwm";
    if (!perms.matches("[rwm]+")) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "invalid device permissions in \"" + spec + "\"");
    }
    return new DeviceMapping(parts[0], container, perms);
  }
}
