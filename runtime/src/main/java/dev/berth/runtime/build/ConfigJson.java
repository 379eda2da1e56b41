package dev.berth.runtime.build;

import dev.berth.runtime.image.wire.BuildConfigTemplate;
import dev.berth.runtime.image.wire.ConfigTemplate;
import dev.berth.runtime.image.wire.ImageJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The built image's config JSON, from the final stage's state. */
final class ConfigJson {
  private ConfigJson() {}

  static byte[] write(StageState s, Map<String, String> labels, String created) {
    BuildConfigTemplate t = new BuildConfigTemplate();
    t.created = created;
    t.architecture = s.platform.architecture();
    t.os = s.platform.os();
    t.variant = s.platform.variant().isEmpty() ? null : s.platform.variant();
    BuildConfigTemplate.RunConfig c = new BuildConfigTemplate.RunConfig();
    c.user = s.user.isEmpty() ? null : s.user;
    c.exposedPorts = s.exposedPorts.isEmpty() ? null : emptyObjects(s.exposedPorts);
    c.env = s.env.isEmpty() ? null : s.envList();
    c.cmd = s.cmd.isEmpty() ? null : s.cmd;
    c.entrypoint = s.entrypoint.isEmpty() ? null : s.entrypoint;
    c.workingDir = s.workingDir.isEmpty() ? null : s.workingDir;
    c.volumes = s.volumes.isEmpty() ? null : emptyObjects(s.volumes);
    c.labels = labels.isEmpty() ? null : new TreeMap<>(labels);
    c.stopSignal = s.stopSignal.isEmpty() ? null : s.stopSignal;
    c.shell = s.shell.equals(StageState.DEFAULT_SHELL) ? null : s.shell;
    if (s.healthcheck != null) {
      BuildConfigTemplate.HealthTemplate h = new BuildConfigTemplate.HealthTemplate();
      h.test = s.healthcheck.test();
      h.interval = s.healthcheck.interval().toNanos();
      h.timeout = s.healthcheck.timeout().toNanos();
      h.startPeriod = s.healthcheck.startPeriod().toNanos();
      h.startInterval = s.healthcheck.startInterval().toNanos();
      h.retries = s.healthcheck.retries();
      c.healthcheck = h;
    }
    t.config = c;
    t.rootfs = new ConfigTemplate.RootFs();
    t.rootfs.type = "layers";
    List<String> diffIds = new ArrayList<>();
    s.layers.forEach(l -> diffIds.add(l.diffId().toString()));
    t.rootfs.diffIds = diffIds;
    return ImageJson.bytes(t);
  }

  private static Map<String, Object> emptyObjects(Iterable<String> keys) {
    Map<String, Object> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, Map.of()));
    return new TreeMap<>(out);
  }
}
