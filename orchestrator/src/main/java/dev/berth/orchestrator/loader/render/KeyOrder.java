package dev.berth.orchestrator.loader.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The field order of each Compose structure, and which structure sits at which key path. */
final class KeyOrder {
  /** How an empty or zero field is treated. */
  enum Empty {
    OMIT,
    KEEP,
    OMIT_FALSE,
    OMIT_ZERO
  }

  /** One structure: its fields in order. */
  record Struct(String name, Map<String, Empty> fields) {
    List<String> order() {
      return new ArrayList<>(fields.keySet());
    }
  }

  private static final Map<String, Struct> STRUCTS = load();

  /** Key path patterns ({@code *} = any key, {@code []} = any item) to structure names. */
  private static final Map<String, String> PATHS = new LinkedHashMap<>();

  static {
    p("", "Project");
    p("services.*", "Service");
    p("services.*.build", "Build");
    p("services.*.build.ulimits.*", "Ulimit");
    p("services.*.build.secrets.[]", "FileRef");
    p("services.*.develop", "Develop");
    p("services.*.develop.watch.[]", "Trigger");
    p("services.*.develop.watch.[].exec", "Hook");
    p("services.*.blkio_config", "Blkio");
    p("services.*.blkio_config.weight_device.[]", "WeightDevice");
    for (String d :
        List.of("device_read_bps", "device_read_iops", "device_write_bps", "device_write_iops")) {
      p("services.*.blkio_config." + d + ".[]", "ThrottleDevice");
    }
    p("services.*.configs.[]", "FileRef");
    p("services.*.secrets.[]", "FileRef");
    p("services.*.credential_spec", "CredentialSpec");
    p("services.*.depends_on.*", "Dependency");
    p("services.*.deploy", "Deploy");
    p("services.*.deploy.update_config", "Update");
    p("services.*.deploy.rollback_config", "Update");
    p("services.*.deploy.resources", "Resources");
    p("services.*.deploy.resources.limits", "Resource");
    p("services.*.deploy.resources.reservations", "Resource");
    p("services.*.deploy.resources.*.devices.[]", "DeviceRequest");
    p("services.*.deploy.resources.*.generic_resources.[]", "GenericResource");
    p(
        "services.*.deploy.resources.*.generic_resources.[].discrete_resource_spec",
        "DiscreteResource");
    p("services.*.deploy.restart_policy", "RestartPolicy");
    p("services.*.deploy.placement", "Placement");
    p("services.*.deploy.placement.preferences.[]", "Preference");
    p("services.*.devices.[]", "Device");
    p("services.*.env_file.[]", "EnvFile");
    p("services.*.extends", "Extends");
    p("services.*.gpus.[]", "DeviceRequest");
    p("services.*.healthcheck", "Healthcheck");
    p("services.*.logging", "Logging");
    p("services.*.models.*", "ServiceModel");
    p("services.*.networks.*", "ServiceNetwork");
    p("services.*.ports.[]", "Port");
    p("services.*.provider", "Provider");
    p("services.*.ulimits.*", "Ulimit");
    p("services.*.volumes.[]", "Volume");
    p("services.*.volumes.[].bind", "Bind");
    p("services.*.volumes.[].volume", "VolumeOptions");
    p("services.*.volumes.[].tmpfs", "Tmpfs");
    p("services.*.volumes.[].image", "ImageOptions");
    for (String h : List.of("pre_start", "post_start", "pre_stop")) {
      p("services.*." + h + ".[]", "Hook");
    }
    p("networks.*", "Network");
    p("networks.*.ipam", "Ipam");
    p("networks.*.ipam.config.[]", "IpamPool");
    p("volumes.*", "VolumeTop");
    p("secrets.*", "FileObject");
    p("configs.*", "FileObject");
    p("models.*", "Model");
  }

  private KeyOrder() {}

  private static void p(String path, String struct) {
    PATHS.put(path, Objects.requireNonNull(STRUCTS.get(struct) == null ? null : struct, struct));
  }

  /** The structure at {@code path}, or null when the node is a user-keyed map or a value. */
  static Struct structAt(List<String> path) {
    for (var e : PATHS.entrySet()) {
      if (matches(e.getKey(), path)) {
        return STRUCTS.get(e.getValue());
      }
    }
    return null;
  }

  private static boolean matches(String pattern, List<String> path) {
    if (pattern.isEmpty()) {
      return path.isEmpty();
    }
    String[] parts = pattern.split("\\.");
    if (parts.length != path.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      String seg = path.get(i);
      boolean index = seg.startsWith("[");
      if (parts[i].equals("[]")) {
        if (!index) {
          return false;
        }
      } else if (parts[i].equals("*")) {
        if (index) {
          return false;
        }
      } else if (!parts[i].equals(seg)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Struct> load() {
    Map<String, Struct> out = new HashMap<>();
    try (var in = KeyOrder.class.getResourceAsStream("key-order.txt");
        var reader =
            new BufferedReader(
                new InputStreamReader(Objects.requireNonNull(in), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] words = line.trim().split("\\s+");
        Map<String, Empty> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
          String[] f = words[i].split("/");
          Empty e = Empty.OMIT;
          if (f.length > 1) {
            e =
                switch (f[1]) {
                  case "keep" -> Empty.KEEP;
                  case "bool" -> Empty.OMIT_FALSE;
                  default -> Empty.OMIT_ZERO;
                };
          }
          fields.put(f[0], e);
        }
        out.put(words[0], new Struct(words[0], fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
