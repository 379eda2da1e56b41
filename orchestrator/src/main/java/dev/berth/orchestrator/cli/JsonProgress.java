package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.reconcile.Progress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --progress json}: one JSON object per event on standard error, {@code {"id":"Container
 * p-web-1","status":"Started"}}; warnings as {@code {"level":"warning","text":".."}}.
 */
final class JsonProgress implements Progress {
  private final PrintWriter err;

  JsonProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void event(String kind, String name, String state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", kind + " " + name);
    m.put("status", state);
    err.println(ConfigRenderer.compactJson(m));
    err.flush();
  }

  @Override
  public synchronized void buildOutput(String service, String line) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", "Service " + service);
    m.put("text", line);
    err.println(ConfigRenderer.compactJson(m));
    err.flush();
  }

  @Override
  public synchronized void warn(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("level", "warning");
    m.put("text", message);
    err.println(ConfigRenderer.compactJson(m));
    err.flush();
  }
}
