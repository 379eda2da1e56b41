package dev.berth.runtime.container;

import java.util.ArrayList;
import java.util.List;

/** The generated {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf}. */
public final class EtcFiles {
  private EtcFiles() {}

  /** Docker's {@code /etc/hosts}: loopback names, extra hosts, then the container's own name. */
  public static String hosts(String hostname, String address, List<String> extraHosts) {
    StringBuilder b = new StringBuilder();
    b.append("127.0.0.1\tlocalhost\n");
    b.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    b.append("fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\n");
    b.append("ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
    for (String extra : extraHosts) {
      int colon = extra.indexOf(':');
      b.append(extra.substring(colon + 1)).append('\t').append(extra, 0, colon).append('\n');
    }
    b.append(address == null || address.isEmpty() ? "127.0.0.1" : address)
        .append('\t')
        .append(hostname)
        .append('\n');
    return b.toString();
  }

  /**
   * {@code resolv.conf}: the given servers, else the host's minus loopback ones (unreachable from a
   * container's own namespace), else Google's as Docker falls back to.
   */
  public static String resolvConf(String hostResolvConf, List<String> dns, boolean hostNetwork) {
    List<String> servers = new ArrayList<>(dns);
    List<String> other = new ArrayList<>();
    for (String line : hostResolvConf.split("\n")) {
      String t = line.trim();
      if (t.startsWith("nameserver")) {
        String server = t.substring("nameserver".length()).trim();
        if (dns.isEmpty() && (hostNetwork || !server.startsWith("127."))) {
          servers.add(server);
        }
      } else if (t.startsWith("search") || t.startsWith("options")) {
        other.add(t);
      }
    }
    if (servers.isEmpty()) {
      servers.addAll(List.of("8.8.8.8", "8.8.4.4"));
    }
    StringBuilder b = new StringBuilder();
    servers.forEach(s -> b.append("nameserver ").append(s).append('\n'));
    other.forEach(o -> b.append(o).append('\n'));
    return b.toString();
  }
}
