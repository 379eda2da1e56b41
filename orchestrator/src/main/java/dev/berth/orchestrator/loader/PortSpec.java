package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses the short port syntax {@code [[ip:]host[-range]:]container[-range][/proto]} into long
 * entries {@code {mode, host_ip, target, published, protocol}}.
 */
public final class PortSpec {
  private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

  private PortSpec() {}

  /** The long-syntax entries of {@code spec}; a container range gives one entry per port. */
  public static List<MapNode> parse(String spec, Mark mark, String path) throws BerthException {
    try {
      return parseSpec(spec, mark, path);
    } catch (BerthException e) {
      String m = e.getMessage();
      int at = m.indexOf(path + ": ");
      String reason = at < 0 ? m : m.substring(at + path.length() + 2);
      throw Nodes.error(mark, path, "invalid port \"" + spec + "\": " + reason);
    }
  }

  private static List<MapNode> parseSpec(String spec, Mark mark, String path)
      throws BerthException {
    String rest = spec;
    String proto = "tcp";
    int slash = rest.lastIndexOf('/');
    if (slash >= 0) {
      proto = rest.substring(slash + 1).toLowerCase(Locale.ROOT);
      rest = rest.substring(0, slash);
      if (!PROTOCOLS.contains(proto)) {
        throw Nodes.error(mark, path, "Invalid proto: " + spec.substring(slash + 1));
      }
    }
    String ip = "";
    String host = "";
    String container;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw Nodes.error(mark, path, "Invalid ip address: " + rest);
      }
      ip = rest.substring(1, close);
      String after = rest.substring(close + 1);
      if (!after.startsWith(":")) {
        throw Nodes.error(mark, path, "Invalid port specification: \"" + spec + "\"");
      }
      String[] parts = after.substring(1).split(":", -1);
      if (parts.length != 2) {
        throw Nodes.error(mark, path, "Invalid port specification: \"" + spec + "\"");
      }
      host = parts[0];
      container = parts[1];
    } else {
      int last = rest.lastIndexOf(':');
      if (last < 0) {
        container = rest;
      } else {
        container = rest.substring(last + 1);
        String left = rest.substring(0, last);
        int prev = left.lastIndexOf(':');
        if (prev < 0) {
          host = left;
        } else {
          host = left.substring(prev + 1);
          ip = left.substring(0, prev);
        }
      }
    }
    if (!ip.isEmpty() && !validIp(ip)) {
      throw Nodes.error(mark, path, "Invalid ip address: " + ip);
    }
    int[] c = range(container, "Invalid containerPort: " + container, mark, path);
    int[] h = host.isEmpty() ? null : range(host, "Invalid hostPort: " + host, mark, path);
    int count = c[1] - c[0] + 1;
    TreeMap<String, MapNode> byKey = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      int target = c[0] + i;
      String published = "";
      if (h != null) {
        if (h[1] - h[0] + 1 == count && count > 1) {
          published = Integer.toString(h[0] + i);
        } else if (count > 1 && h[0] != h[1]) {
          throw Nodes.error(
              mark, path, "Invalid ranges specified for container and host Ports: " + spec);
        } else {
          published = h[0] == h[1] ? Integer.toString(h[0]) : h[0] + "-" + h[1];
        }
      }
      byKey.put(
          target + "/" + proto,
          Nodes.map(
              mark,
              "mode",
              Nodes.str("ingress", mark),
              "host_ip",
              ip.isEmpty() ? null : Nodes.str(ip, mark),
              "target",
              Nodes.num(target, mark),
              "published",
              published.isEmpty() ? null : Nodes.str(published, mark),
              "protocol",
              Nodes.str(proto, mark)));
    }
    return new ArrayList<>(byKey.values());
  }

  private static int[] range(String s, String message, Mark mark, String path)
      throws BerthException {
    try {
      int dash = s.indexOf('-');
      int a;
      int b;
      if (dash > 0) {
        a = Integer.parseInt(s.substring(0, dash));
        b = Integer.parseInt(s.substring(dash + 1));
      } else {
        a = Integer.parseInt(s);
        b = a;
      }
      if (a < 0 || b < a || b > 65535) {
        throw Nodes.error(mark, path, message);
      }
      return new int[] {a, b};
    } catch (NumberFormatException e) {
      throw Nodes.error(mark, path, message);
    }
  }

  static boolean validIp(String ip) {
    if (ip.contains(":")) {
      return ip.matches("[0-9a-fA-F:.]+") && ip.length() >= 2;
    }
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
