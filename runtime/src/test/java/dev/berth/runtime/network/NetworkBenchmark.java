package dev.berth.runtime.network;

import dev.berth.runtime.network.dns.DnsListener;
import dev.berth.runtime.network.dns.DnsServer;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.NameTable;
import dev.berth.runtime.network.dns.QueryHandler;
import dev.berth.runtime.network.ipam.Durability;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.netns.NetnsDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Benchmark, not a test (surefire does not pick it up): per-endpoint attach + detach through
 * rtnetlink, the same wiring with {@code ip} commands, and DNS query latency on the gateway. Needs
 * root. Run from the worktree root after {@code mvn -pl runtime test-compile}:
 *
 * <pre>
 * mvn -q -pl runtime dependency:build-classpath -Dmdep.outputFile=/tmp/berth-cp.txt
 * java -cp runtime/target/test-classes:runtime/target/classes:$(cat /tmp/berth-cp.txt) \
 *     dev.berth.runtime.network.NetworkBenchmark [rounds] [SYNC_EVERY_CHANGE|SYNC_NETWORK_CHANGES]
 * </pre>
 */
public final class NetworkBenchmark {
  private NetworkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Durability durability =
        args.length > 1 ? Durability.valueOf(args[1]) : Durability.SYNC_EVERY_CHANGE;
    PrintStream out = System.out;
    out.println("IPAM durability: " + durability);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Path root = Files.createTempDirectory("berth-bench");
    NetnsDirectory directory = new NetnsDirectory(root.resolve("netns"));
    List<Netns> made = new ArrayList<>();
    Namespaces namespaces =
        id -> {
          Netns created = directory.create(id);
          made.add(created);
          return created;
        };
    DnsServer resolver =
        DnsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new QueryHandler(new NameTable(), Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    Netns netns = namespaces.create("bench");
    try (NetworkDriver driver =
        NetworkDriver.open(
            root,
            new SubnetPool(List.of(PoolRange.parse("10.215.0.0/16:24"))),
            durability,
            53,
            new ForwardingUpstream(List.of(resolver.address()), Duration.ofSeconds(1)),
            NetworkFirewall.onHost(
                "berth-bench-" + suffix, "BERTH-B-" + suffix, NetworkListener.ignoring()),
            message -> out.println("problem: " + message))) {
      BridgeNetwork network =
          driver.create(
              new NetworkSpec("bench", "bench", false, IpamRequest.any(), Optional.empty(), 0));
      try {
        List<Double> berth = new ArrayList<>();
        List<Double> attachOnly = new ArrayList<>();
        List<Double> detachOnly = new ArrayList<>();
        for (int i = 0; i < rounds + 20; i++) {
          long start = System.nanoTime();
          NetworkAttachment attachment =
              driver.attach("bench", EndpointSpec.simple("e" + i, netns, List.of("web")));
          long attached = System.nanoTime();
          driver.detach(attachment);
          long end = System.nanoTime();
          if (i >= 20) {
            berth.add((end - start) / 1e6);
            attachOnly.add((attached - start) / 1e6);
            detachOnly.add((end - attached) / 1e6);
          }
        }
        report(out, "attach+detach via rtnetlink (ms)", berth);
        report(out, "  attach alone (ms)", attachOnly);
        report(out, "  detach alone (ms)", detachOnly);

        // As containers do, each endpoint has a namespace of its own (made outside the timing).
        List<Netns> own = new ArrayList<>();
        for (int i = 0; i < rounds + 20; i++) {
          own.add(namespaces.create("own" + i));
        }
        List<Double> lazy = new ArrayList<>();
        for (int i = 0; i < rounds + 20; i++) {
          long start = System.nanoTime();
          NetworkAttachment attachment =
              driver.attach("bench", EndpointSpec.simple("l" + i, own.get(i), List.of("web")));
          driver.detachLater(attachment);
          if (i >= 20) {
            lazy.add((System.nanoTime() - start) / 1e6);
          }
        }
        report(out, "attach+detachLater, own netns each (ms)", lazy);

        // The rtnetlink steps alone, without IPAM, state files, DNS or firewall, into fresh
        // namespaces (the ones above may still be losing their veths in the background).
        List<Netns> fresh = new ArrayList<>();
        for (int i = 0; i < rounds + 20; i++) {
          fresh.add(namespaces.create("fresh" + i));
        }
        List<Double> wire = new ArrayList<>();
        List<Double> unwire = new ArrayList<>();
        try (HostLinks links = new HostLinks(dev.berth.runtime.network.netlink.Rtnetlink.open())) {
          int bridgeIndex = links.socket().link(network.bridge()).index();
          for (int i = 0; i < rounds + 20; i++) {
            Netns target = fresh.get(i);
            dev.berth.runtime.network.netlink.LinkName hostEnd =
                new dev.berth.runtime.network.netlink.LinkName(
                    "berthw" + suffix.substring(0, 4) + i);
            long start = System.nanoTime();
            links.wireEndpoint(
                EndpointSpec.simple("w" + i, target, List.of()),
                hostEnd,
                bridgeIndex,
                0,
                network.allocation().subnet().network().plus(20 + i % 200),
                dev.berth.runtime.network.netlink.MacAddress.derivedFrom(
                    network.allocation().subnet().network().plus(20 + i % 200)),
                network.allocation());
            long wired = System.nanoTime();
            links.deleteIfPresent(hostEnd);
            long end = System.nanoTime();
            if (i >= 20) {
              wire.add((wired - start) / 1e6);
              unwire.add((end - wired) / 1e6);
            }
          }
        }
        report(out, "rtnetlink steps only: wire endpoint (ms)", wire);
        report(out, "rtnetlink steps only: delete veth (ms)", unwire);

        List<Double> ip = new ArrayList<>();
        for (int i = 0; i < Math.min(rounds, 50); i++) {
          long start = System.nanoTime();
          ipCommands(network, netns, "berthq" + suffix.substring(0, 6));
          ip.add((System.nanoTime() - start) / 1e6);
        }
        report(out, "same steps with ip commands (ms)", ip);

        NetworkAttachment web =
            driver.attach("bench", EndpointSpec.simple("web", netns, List.of("web")));
        SimpleResolver dns =
            new SimpleResolver(
                new InetSocketAddress(network.allocation().gateway().toInetAddress(), 53));
        dns.setTimeout(Duration.ofSeconds(2));
        Message query =
            Message.newQuery(Record.newRecord(Name.fromString("web."), Type.A, DClass.IN));
        List<Double> latency = new ArrayList<>();
        for (int i = 0; i < rounds * 5 + 100; i++) {
          long start = System.nanoTime();
          dns.send(query);
          if (i >= 100) {
            latency.add((System.nanoTime() - start) / 1e6);
          }
        }
        report(out, "DNS A query over UDP on the gateway, dnsjava client (ms)", latency);
        driver.detach(web);
      } finally {
        for (NetworkAttachment left : driver.attachments()) {
          driver.detach(left);
        }
        driver.remove("bench");
      }
    } finally {
      for (Netns one : made) {
        try {
          directory.remove(one);
        } catch (Exception e) {
          out.println("could not remove " + one.file() + ": " + e.getMessage());
        }
      }
      resolver.close();
      new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor();
    }
  }

  /** Creates namespaces and remembers them for the final clean-up. */
  private interface Namespaces {
    Netns create(String id) throws Exception;
  }

  /** The 11 {@code ip} spawns LINUX-NOTES measured at 76 ms: wire one endpoint, then remove it. */
  private static void ipCommands(BridgeNetwork network, Netns netns, String veth)
      throws IOException, InterruptedException {
    String ns = netns.file().toString();
    String address = network.allocation().subnet().network().plus(200) + "/24";
    run("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
    run("ip", "link", "set", veth, "master", network.bridge().value());
    run("ip", "link", "set", veth, "up");
    run("ip", "link", "set", veth + "p", "netns", ns);
    run("nsenter", "--net=" + ns, "ip", "link", "set", veth + "p", "name", "eth9");
    run("nsenter", "--net=" + ns, "ip", "link", "set", "eth9", "address", "02:42:0a:d7:00:c8");
    run("nsenter", "--net=" + ns, "ip", "addr", "add", address, "dev", "eth9");
    run("nsenter", "--net=" + ns, "ip", "link", "set", "eth9", "up");
    run("nsenter", "--net=" + ns, "ip", "link", "set", "lo", "up");
    run(
        "nsenter",
        "--net=" + ns,
        "ip",
        "route",
        "replace",
        "default",
        "via",
        network.allocation().gateway().toString());
    run("ip", "link", "del", veth);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + ": " + new String(output));
    }
  }

  private static void report(PrintStream out, String what, List<Double> samples) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    out.printf(
        "%-58s n=%d median=%.3f p90=%.3f p99=%.3f min=%.3f%n",
        what,
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) (sorted.size() * 0.9)),
        sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
        sorted.get(0));
  }
}
