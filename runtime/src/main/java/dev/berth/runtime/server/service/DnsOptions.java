package dev.berth.runtime.server.service;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Adds {@code DnsSearch} and {@code DnsOptions} to a container's generated resolv.conf. */
final class DnsOptions {
  private DnsOptions() {}

  static void write(Path resolvConf, List<String> search, List<String> options)
      throws EngineException {
    if (search.isEmpty() && options.isEmpty()) {
      return;
    }
    try {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(resolvConf, StandardCharsets.UTF_8)) {
        boolean replaced =
            (!search.isEmpty() && (line.startsWith("search ") || line.startsWith("domain ")))
                || (!options.isEmpty() && line.startsWith("options "));
        if (!replaced) {
          lines.add(line);
        }
      }
      if (!search.isEmpty()) {
        lines.add("search " + String.join(" ", search));
      }
      if (!options.isEmpty()) {
        lines.add("options " + String.join(" ", options));
      }
      Files.write(resolvConf, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "writing DnsSearch/DnsOptions to " + resolvConf + ": " + e, e);
    }
  }
}
