package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth ps}: the project's containers, as {@code docker compose ps} lists them. */
@Command(name = "ps", description = "List containers.")
final class PsCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services to list (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-a", "--all"},
      description = "Show all stopped containers (including those created by the run command).")
  boolean all;

  @Option(
      names = {"-q", "--quiet"},
      description = "Only display IDs.")
  boolean quiet;

  @Option(names = "--services", description = "Display services.")
  boolean listServices;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description =
          "Filter services by status: paused, restarting, removing, running, dead,"
              + " created, exited.")
  List<String> status = new ArrayList<>();

  @Option(
      names = "--filter",
      paramLabel = "FILTER",
      description = "Filter services by a property (supported filters: status).")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "Format the output: table (default), json, or a Go template such as"
              + " 'table {{.Name}}\\t{{.Status}}'.")
  String format = "table";

  /** The table headers of {@code --format} fields, as docker compose names them. */
  private static final Map<String, String> HEADERS =
      Map.ofEntries(
          Map.entry("ID", "CONTAINER ID"),
          Map.entry("Name", "NAME"),
          Map.entry("Names", "NAMES"),
          Map.entry("Image", "IMAGE"),
          Map.entry("Command", "COMMAND"),
          Map.entry("Project", "PROJECT"),
          Map.entry("Service", "SERVICE"),
          Map.entry("Created", "CREATED"),
          Map.entry("CreatedAt", "CREATED AT"),
          Map.entry("RunningFor", "CREATED"),
          Map.entry("State", "STATE"),
          Map.entry("Status", "STATUS"),
          Map.entry("Health", "HEALTH"),
          Map.entry("ExitCode", "EXIT CODE"),
          Map.entry("Ports", "PORTS"),
          Map.entry("Publishers", "PUBLISHERS"),
          Map.entry("Labels", "LABELS"));

  @Override
  public Integer call() throws BerthException, EngineException {
    List<String> statuses = new ArrayList<>(status);
    for (String filter : filters) {
      int eq = filter.indexOf('=');
      if (eq < 0 || !filter.substring(0, eq).equals("status")) {
        throw new BerthException(
            ErrorKind.USAGE,
            "--filter " + filter + ": berth supports the filter status=STATUS, as docker compose");
      }
      statuses.add(filter.substring(eq + 1));
    }
    GoTemplate template =
        format.equals("table") || format.equals("json") ? null : GoTemplate.parse(format, HEADERS);
    try (ProjectSession session = ProjectSession.open(parent, List.of(), true)) {
      String project = session.project().name();
      List<ContainerInfo> found =
          new ArrayList<>(
              session.engine().containers(Labels.ofProject(project), all || !statuses.isEmpty()));
      found.removeIf(c -> !services.isEmpty() && !services.contains(service(c)));
      found.removeIf(c -> !statuses.isEmpty() && !statuses.contains(c.state()));
      found.removeIf(c -> !all && "True".equals(c.label(Labels.ONEOFF).orElse("False")));
      found.sort(Comparator.comparing(ContainerInfo::name));
      print(session.out(), found, template);
    }
    return 0;
  }

  private void print(PrintWriter out, List<ContainerInfo> found, GoTemplate template)
      throws BerthException {
    if (quiet) {
      found.forEach(c -> out.println(c.id()));
    } else if (listServices) {
      found.stream().map(PsCommand::service).distinct().forEach(out::println);
    } else if (template != null) {
      long now = System.currentTimeMillis() / 1000;
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ContainerInfo c : found) {
        Map<String, Object> row = json(c);
        row.put("Names", c.name());
        row.put("RunningFor", Ages.ago(now - c.created()));
        row.put("CreatedAt", java.time.Instant.ofEpochSecond(c.created()).toString());
        row.put("Ports", ports(c));
        rows.add(row);
      }
      template.print(out, rows);
    } else if (format.equals("json")) {
      found.forEach(c -> out.println(ConfigRenderer.compactJson(json(c))));
    } else {
      table(out, found);
    }
    out.flush();
  }

  private static void table(PrintWriter out, List<ContainerInfo> found) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS"});
    long now = System.currentTimeMillis() / 1000;
    for (ContainerInfo c : found) {
      rows.add(
          new String[] {
            c.name(),
            c.image(),
            "\"" + truncate(c.command(), 20) + "\"",
            service(c),
            Ages.ago(now - c.created()),
            c.status(),
            ports(c)
          });
    }
    int[] widths = new int[7];
    rows.forEach(
        r -> {
          for (int i = 0; i < r.length; i++) {
            widths[i] = Math.max(widths[i], r[i].length());
          }
        });
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        sb.append(r[i]);
        if (i < r.length - 1) {
          sb.append(" ".repeat(widths[i] - r[i].length() + 3));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  private static Map<String, Object> json(ContainerInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", c.id());
    m.put("Name", c.name());
    m.put("Image", c.image());
    m.put("Command", c.command());
    m.put("Project", c.label(Labels.PROJECT).orElse(""));
    m.put("Service", service(c));
    m.put("Created", c.created());
    m.put("State", c.state());
    m.put("Status", c.status());
    m.put("Health", health(c.status()));
    m.put("ExitCode", exitCode(c.status()));
    m.put("Labels", c.labels());
    m.put("Publishers", publishers(c));
    return m;
  }

  private static List<Map<String, Object>> publishers(ContainerInfo c) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ContainerInfo.Port p : c.ports()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("URL", p.hostIp() == null ? "" : p.hostIp());
      m.put("TargetPort", p.containerPort());
      m.put("PublishedPort", p.hostPort() == null ? 0 : p.hostPort());
      m.put("Protocol", p.protocol());
      out.add(m);
    }
    return out;
  }

  private static String health(String status) {
    for (String h : List.of("healthy", "unhealthy", "starting")) {
      if (status.contains("(" + h + ")") || status.contains("(health: " + h + ")")) {
        return h;
      }
    }
    return "";
  }

  private static int exitCode(String status) {
    if (status.startsWith("Exited (")) {
      return Integer.parseInt(status.substring(8, status.indexOf(')')));
    }
    return 0;
  }

  private static String ports(ContainerInfo c) {
    List<String> out = new ArrayList<>();
    for (ContainerInfo.Port p : c.ports()) {
      if (p.hostPort() == null) {
        out.add(p.containerPort() + "/" + p.protocol());
      } else {
        String ip = p.hostIp() == null ? "" : p.hostIp();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        out.add(host + ":" + p.hostPort() + "->" + p.containerPort() + "/" + p.protocol());
      }
    }
    return String.join(", ", out.stream().distinct().toList());
  }

  private static String service(ContainerInfo c) {
    return c.label(Labels.SERVICE).orElse("");
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
