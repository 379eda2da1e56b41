package dev.berth.runtime.volume;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The local driver's {@code DriverOpts} berth honours, checked as dockerd's local driver does:
 * {@code type=tmpfs device=tmpfs o=size=64m,uid=1000} mounts a tmpfs, {@code type=none o=bind
 * device=/srv/data} binds a host directory. Other filesystem types are refused, naming them.
 */
public record VolumeOptions(String type, String o, String device) {
  private static final Set<String> KEYS = Set.of("type", "o", "device");
  private static final Map<String, List<String>> REQUIRED =
      Map.of("device", List.of("type"), "type", List.of("device"), "o", List.of("device", "type"));

  /** No options: a plain directory under the volume root. */
  public static final VolumeOptions NONE = new VolumeOptions("", "", "");

  public VolumeOptions {
    type = type == null ? "" : type;
    o = o == null ? "" : o;
    device = device == null ? "" : device;
  }

  /** Reads {@code DriverOpts}; an unknown key, a missing companion or a foreign type is a 400. */
  public static VolumeOptions parse(String volume, Map<String, String> options)
      throws EngineException {
    if (options == null || options.isEmpty()) {
      return NONE;
    }
    for (String key : new TreeMap<>(options).keySet()) {
      if (!KEYS.contains(key)) {
        throw invalid(
            volume, "invalid option: \"" + key + "\" (the local driver knows type, o, device)");
      }
      for (String required : REQUIRED.get(key)) {
        if (!options.containsKey(required)) {
          throw invalid(volume, "missing required option: \"" + required + "\"");
        }
      }
    }
    VolumeOptions parsed =
        new VolumeOptions(options.get("type"), options.get("o"), options.get("device"));
    if (!parsed.isTmpfs() && !parsed.isBind()) {
      throw invalid(
          volume,
          "berth's local driver mounts only type=tmpfs and type=none with o=bind, not type=\""
              + parsed.type
              + "\""
              + (parsed.type.equals("none") ? " without o=bind" : ""));
    }
    if (parsed.isBind() && !parsed.device.startsWith("/")) {
      throw invalid(volume, "bind device \"" + parsed.device + "\" must be an absolute path");
    }
    return parsed;
  }

  private static EngineException invalid(String volume, String why) {
    return new EngineException(ErrorKind.INVALID_ARGUMENT, "create volume " + volume + ": " + why);
  }

  /** Whether the volume is a plain directory (no options). */
  public boolean isPlain() {
    return type.isEmpty();
  }

  boolean isTmpfs() {
    return type.equals("tmpfs");
  }

  boolean isBind() {
    return type.equals("none") && mountOptions().contains("bind");
  }

  /** The {@code o} option split at commas. */
  List<String> mountOptions() {
    List<String> list = new ArrayList<>();
    for (String option : o.split(",")) {
      if (!option.isBlank()) {
        list.add(option.strip());
      }
    }
    return list;
  }

  /** The options as the API shows them ({@code Options} of a volume). */
  public Map<String, String> asMap() {
    Map<String, String> map = new TreeMap<>();
    if (!type.isEmpty()) {
      map.put("type", type);
    }
    if (!o.isEmpty()) {
      map.put("o", o);
    }
    if (!device.isEmpty()) {
      map.put("device", device);
    }
    return map;
  }
}
