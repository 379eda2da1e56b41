package dev.berth.runtime.build;

import dev.berth.runtime.image.Healthcheck;
import dev.berth.runtime.image.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image a stage is building, changed instruction by instruction: layers, and the config the
 * metadata instructions set. {@code cacheKey} chains every instruction so far.
 */
final class StageState {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  final List<LayerRef> layers = new ArrayList<>();
  final Map<String, String> env = new LinkedHashMap<>();
  List<String> cmd = List.of();

  /** Whether this stage set CMD (an ENTRYPOINT clears only an inherited CMD). */
  boolean cmdSetInStage;

  List<String> entrypoint = List.of();
  String workingDir = "";
  String user = "";
  final Set<String> exposedPorts = new LinkedHashSet<>();
  final Set<String> volumes = new LinkedHashSet<>();
  final Map<String, String> labels = new LinkedHashMap<>();
  Healthcheck healthcheck;
  String stopSignal = "";
  List<String> shell = DEFAULT_SHELL;
  Platform platform = Platform.host();
  String cacheKey;

  /** ARGs declared in this stage, with their values (null: declared without a value). */
  final Map<String, String> args = new LinkedHashMap<>();

  StageState copy() {
    StageState s = new StageState();
    s.layers.addAll(layers);
    s.env.putAll(env);
    s.cmd = cmd;
    s.entrypoint = entrypoint;
    s.workingDir = workingDir;
    s.user = user;
    s.exposedPorts.addAll(exposedPorts);
    s.volumes.addAll(volumes);
    s.labels.putAll(labels);
    s.healthcheck = healthcheck;
    s.stopSignal = stopSignal;
    s.shell = shell;
    s.platform = platform;
    s.cacheKey = cacheKey;
    return s;
  }

  /** The variables an instruction may expand: the stage's ARGs, overridden by its ENV. */
  String lookup(String name) {
    if (env.containsKey(name)) {
      return env.get(name);
    }
    return args.get(name);
  }

  /** The environment of a RUN: ENV, plus ARGs with values that ENV does not override. */
  List<String> runEnv() {
    Map<String, String> all = new LinkedHashMap<>();
    args.forEach(
        (k, v) -> {
          if (v != null) {
            all.put(k, v);
          }
        });
    all.putAll(env);
    List<String> out = new ArrayList<>();
    all.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  List<String> envList() {
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }
}
