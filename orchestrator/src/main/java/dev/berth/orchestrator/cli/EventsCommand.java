package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.EngineEvent;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth events}: the engine's events for the project's containers, as they happen. */
@Command(name = "events", description = "Receive real time events from containers.")
final class EventsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(names = "--json", description = "Output events as a stream of json objects.")
  boolean json;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Show all events since (Unix time).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Stream events until (Unix time).")
  String until;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      PrintWriter out = session.out();
      session
          .engine()
          .events(
              Labels.ofProject(session.project().name()),
              since,
              until,
              e -> {
                String service = e.attributes().getOrDefault(Labels.SERVICE, "");
                if (!"container".equals(e.type())
                    || (!services.isEmpty() && !services.contains(service))) {
                  return true;
                }
                out.println(json ? json(e, service) : text(e, service));
                out.flush();
                return true;
              });
    }
    return 0;
  }

  private static String text(EngineEvent e, String service) {
    Map<String, String> attributes = new TreeMap<>();
    e.attributes()
        .forEach(
            (k, v) -> {
              if (k.equals("image") || k.equals("name")) {
                attributes.put(k, v);
              }
            });
    List<String> parts = new ArrayList<>();
    attributes.forEach((k, v) -> parts.add(k + "=" + v));
    return TIME.format(Instant.ofEpochSecond(0, e.timeNano()))
        + " container "
        + e.action()
        + " "
        + e.id()
        + " ("
        + String.join(", ", parts)
        + ")";
  }

  private static String json(EngineEvent e, String service) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, e.timeNano())));
    m.put("type", "container");
    m.put("action", e.action());
    m.put("id", e.id());
    m.put("service", service);
    m.put("attributes", e.attributes());
    return ConfigRenderer.compactJson(m);
  }
}
