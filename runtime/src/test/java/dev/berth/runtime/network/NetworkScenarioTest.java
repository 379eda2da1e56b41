package dev.berth.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.network.dns.DnsListener;
import dev.berth.runtime.network.dns.DnsServer;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.NameTable;
import dev.berth.runtime.network.dns.QueryHandler;
import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.NetworkAllocation;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.network.netlink.AddAddress;
import dev.berth.runtime.network.netlink.AddDefaultRoute;
import dev.berth.runtime.network.netlink.CreateVethPair;
import dev.berth.runtime.network.netlink.DeleteLink;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.NetnsFd;
import dev.berth.runtime.network.netlink.Rtnetlink;
import dev.berth.runtime.network.netlink.SetLinkUp;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.netns.NetnsDirectory;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PortRange;
import dev.berth.runtime.network.ports.PublishedPort;
import dev.berth.testkit.HostCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's scenarios on real namespaces, bridges, nftables and iptables-nft, next to the host's
 * dockerd (FORWARD policy DROP); traffic stays on this machine. Everything made is removed.
 */
class NetworkScenarioTest {
  private static final Pattern ADDRESS =
      Pattern.compile("Address(?: \\d+)?:\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)");
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();
  private OwnLeaks leaks;
  private InetSocketAddress resolverAddress;
  private Path root;
  private NetworkDriver driver;
  private NetnsDirectory namespaces;

  @BeforeEach
  void start() throws Exception {
    Root.require();
    leaks = new OwnLeaks();
    root = Files.createTempDirectory("berth-test-scn");
    leaks.marker(root.toString());
    leaks.marker(suffix);
    namespaces = new NetnsDirectory(root.resolve("netns"));
    DnsServer resolver =
        DnsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new QueryHandler(new NameTable(), Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    cleanups.push(resolver::close);
    resolverAddress = resolver.address();
    driver = openDriver();
    cleanups.push(() -> driver.close());
  }

  private NetworkDriver openDriver() throws Exception {
    return NetworkDriver.open(
        root,
        new SubnetPool(List.of(PoolRange.parse("10.214.0.0/16:24"))),
        53,
        new ForwardingUpstream(List.of(resolverAddress), Duration.ofSeconds(1)),
        NetworkFirewall.onHost(
            "berth-test-" + suffix, "BERTH-T-" + suffix, NetworkListener.ignoring()),
        message -> {
          throw new AssertionError("network problem: " + message);
        });
  }

  @AfterEach
  void cleanUp() throws Exception {
    Exception first = null;
    while (!cleanups.isEmpty()) {
      try {
        cleanups.pop().close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    HostCommand.run(List.of("rm", "-rf", root.toString()), Duration.ofSeconds(10));
    if (first != null) {
      throw first;
    }
    leaks.awaitNone(Duration.ofSeconds(5));
  }

  @Test
  void twoEndpointsOnOneNetwork_reachEachOtherByName() throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint c1 = endpoint(front, "c1", "c1", "web");
    Endpoint c2 = endpoint(front, "c2", "c2", "api");
    cleanups.push(NetnsServers.tcpSaying(c2.netns(), 8080, "hello from api"));

    Ipv4Address resolved = resolve(c1, "api", front);
    assertThat(resolved).isEqualTo(c2.attachment().address());
    assertThat(ping(c1, resolved)).as("c1 pings api").isTrue();
    assertThat(tcp(c1, resolved, 8080)).contains("hello from api");
  }

  @Test
  void anEndpointOnAnotherNetwork_reachesNeitherAndCannotResolveTheirNames() throws Exception {
    BridgeNetwork front = network("front", false);
    BridgeNetwork back = network("back", false);
    Endpoint c1 = endpoint(front, "c1", "c1");
    Endpoint c2 = endpoint(front, "c2", "c2");
    Endpoint c3 = endpoint(back, "c3", "c3");
    assertThat(ping(c1, c2.attachment().address())).isTrue();
    assertThat(ping(c3, c1.attachment().address())).as("c3 -> c1").isFalse();
    assertThat(ping(c3, c2.attachment().address())).as("c3 -> c2").isFalse();
    assertThat(ping(c1, c3.attachment().address())).as("c1 -> c3").isFalse();
    String answer =
        Root.inNetns(c3.netns(), 5, "nslookup", "c1", back.allocation().gateway().toString())
            .stdout();
    assertThat(answer).doesNotContain(c1.attachment().address().toString());
  }

  @Test
  void aPublishedTcpPort_answersOnLoopbackTheHostAddressAndHairpin() throws Exception {
    BridgeNetwork front = network("front", false);
    BridgeNetwork back = network("back", false);
    Endpoint web = endpoint(front, "web", "web");
    Endpoint peer = endpoint(front, "peer", "peer");
    Endpoint other = endpoint(back, "other", "other");
    cleanups.push(NetnsServers.tcpSaying(web.netns(), 80, "hello from web"));
    PublishedPort port =
        publish(web, new PortBinding(Protocol.TCP, Optional.empty(), Optional.empty(), 80));

    assertThat(hostTcp("127.0.0.1", port.hostPort())).isEqualTo("hello from web");
    Ipv4Address hostAddress = hostAddress();
    assertThat(hostTcp(hostAddress.toString(), port.hostPort())).isEqualTo("hello from web");
    assertThat(tcp(peer, hostAddress, port.hostPort()))
        .as("hairpin, same network")
        .contains("hello from web");
    assertThat(tcp(web, hostAddress, port.hostPort()))
        .as("hairpin to its own published port")
        .contains("hello from web");
    assertThat(tcp(other, hostAddress, port.hostPort()))
        .as("from another network")
        .contains("hello from web");
  }

  @Test
  void aPublishedUdpPort_answers() throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint dns = endpoint(front, "dns", "dns");
    cleanups.push(NetnsServers.udpEcho(dns.netns(), 5353, "echo:"));
    PublishedPort port =
        publish(
            dns,
            new PortBinding(
                Protocol.UDP, Optional.of(Ipv4Address.parse("127.0.0.1")), Optional.empty(), 5353));
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(3000);
      byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
      socket.send(
          new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), port.hostPort()));
      byte[] buffer = new byte[100];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      socket.receive(reply);
      assertThat(new String(buffer, 0, reply.getLength(), StandardCharsets.UTF_8))
          .isEqualTo("echo:ping");
    }
  }

  @Test
  void aPortInUse_isAClearErrorAndNothingIsPublished() throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint web = endpoint(front, "web", "web");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      PortBinding binding =
          new PortBinding(
              Protocol.TCP,
              Optional.empty(),
              Optional.of(PortRange.single(taken.getLocalPort())),
              80);
      assertThatThrownBy(() -> driver.publish(web.attachment(), List.of(binding)))
          .hasMessageContaining("port 0.0.0.0:" + taken.getLocalPort() + "/tcp is already in use");
    }
  }

  @Test
  void anInternalNetwork_hasNoEgressWhileANormalOneHas() throws Exception {
    Ipv4Address outside = outsideHost();
    BridgeNetwork open = network("open", false);
    BridgeNetwork sealed = network("sealed", true);
    Endpoint free = endpoint(open, "free", "free");
    Endpoint jailed = endpoint(sealed, "jailed", "jailed");
    assertThat(ping(free, outside)).as("egress from a normal network").isTrue();
    assertThat(ping(jailed, outside)).as("egress from an internal network").isFalse();
    assertThat(ping(jailed, sealed.allocation().gateway())).isTrue();
  }

  @Test
  void recheckFirewall_restoresAForwardJumpSomeoneRemovedNextToDockersDropPolicy()
      throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint c1 = endpoint(front, "c1", "c1");
    Endpoint c2 = endpoint(front, "c2", "c2");
    assertThat(ping(c1, c2.attachment().address())).isTrue();
    HostCommand.runChecked(
        List.of("iptables", "-w", "5", "-D", "FORWARD", "-j", "BERTH-T-" + suffix),
        Duration.ofSeconds(5));
    boolean forwardDrops =
        HostCommand.runChecked(
                List.of("iptables", "-w", "5", "-S", "FORWARD"), Duration.ofSeconds(5))
            .stdout()
            .startsWith("-P FORWARD DROP");
    if (forwardDrops) {
      // Docker's DROP policy and br_netfilter: without berth's chain, bridged traffic dies.
      assertThat(ping(c1, c2.attachment().address())).isFalse();
    }
    driver.recheckFirewall();
    assertThat(ping(c1, c2.attachment().address())).isTrue();
  }

  @Test
  void aRestartedEngine_readoptsNetworksNamesPortsAndTraffic() throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint web = endpoint(front, "web", "web");
    Endpoint client = endpoint(front, "client", "client");
    cleanups.push(NetnsServers.tcpSaying(web.netns(), 80, "hello from web"));
    PublishedPort port =
        publish(web, new PortBinding(Protocol.TCP, Optional.empty(), Optional.empty(), 80));

    driver.close();
    driver = openDriver();

    assertThat(driver.networks()).extracting(BridgeNetwork::id).containsExactly("front");
    assertThat(driver.attachments()).hasSize(2);
    assertThat(resolve(client, "web", front)).isEqualTo(web.attachment().address());
    assertThat(tcp(client, web.attachment().address(), 80)).contains("hello from web");
    assertThat(hostTcp("127.0.0.1", port.hostPort())).isEqualTo("hello from web");
  }

  @Test
  void replicas_resolveRoundRobin() throws Exception {
    BridgeNetwork front = network("front", false);
    Endpoint client = endpoint(front, "client", "client");
    Endpoint r1 = endpoint(front, "web-1", "web-1", "web");
    Endpoint r2 = endpoint(front, "web-2", "web-2", "web");
    Ipv4Address first = resolve(client, "web", front);
    Ipv4Address second = resolve(client, "web", front);
    assertThat(List.of(first, second))
        .containsExactlyInAnyOrder(r1.attachment().address(), r2.attachment().address());
  }

  /** A test endpoint: its namespace file and its attachment. */
  private record Endpoint(Path netns, NetworkAttachment attachment) {}

  private BridgeNetwork network(String id, boolean internal) throws Exception {
    BridgeNetwork network =
        driver.create(new NetworkSpec(id, id, internal, IpamRequest.any(), Optional.empty(), 0));
    leaks.link(network.bridge().value());
    cleanups.push(() -> driver.remove(id));
    return network;
  }

  private Endpoint endpoint(BridgeNetwork network, String id, String... names) throws Exception {
    Netns netns = namespaces.create(id);
    cleanups.push(() -> namespaces.remove(netns));
    NetworkAttachment attachment =
        driver.attach(network.id(), EndpointSpec.simple(id, netns, List.of(names)));
    leaks.link(attachment.hostInterface().value());
    cleanups.push(() -> driver.detach(attachment));
    return new Endpoint(netns.file(), attachment);
  }

  private PublishedPort publish(Endpoint endpoint, PortBinding binding) throws Exception {
    PublishedPort port = driver.publish(endpoint.attachment(), List.of(binding)).get(0);
    cleanups.push(() -> driver.unpublish(endpoint.attachment()));
    return port;
  }

  /**
   * A stand-in for the internet that stays on this machine: a namespace behind a plain veth from
   * the host (not a berth bridge), on a subnet IPAM says is free.
   */
  private Ipv4Address outsideHost() throws Exception {
    NetworkAllocation subnet =
        driver.ipam().allocateNetwork("outside-" + suffix, IpamRequest.any());
    cleanups.push(() -> driver.ipam().releaseNetwork("outside-" + suffix));
    Netns ext = namespaces.create("outside");
    cleanups.push(() -> namespaces.remove(ext));
    LinkName hostEnd = new LinkName("berthx" + suffix);
    leaks.link(hostEnd.value());
    Ipv4Address hostSide = subnet.gateway();
    Ipv4Address extSide = subnet.gateway().plus(1);
    LinkName eth0 = new LinkName("eth0");
    try (Rtnetlink host = Rtnetlink.open();
        NetnsFd fd = NetnsFd.open(ext.file())) {
      host.execute(new CreateVethPair(hostEnd, 0, 0, eth0, fd.fd(), null));
      cleanups.push(
          () -> {
            try (Rtnetlink again = Rtnetlink.open()) {
              again.execute(new DeleteLink(hostEnd));
            }
          });
      host.execute(
          new AddAddress(
              hostEnd, host.link(hostEnd).index(), hostSide, subnet.subnet().prefixLength()));
    }
    try (Rtnetlink inside = Rtnetlink.openIn(ext.file())) {
      int index = inside.link(eth0).index();
      inside.execute(new AddAddress(eth0, index, extSide, subnet.subnet().prefixLength()));
      inside.execute(new SetLinkUp(eth0));
      inside.execute(new AddDefaultRoute(hostSide, index, eth0));
    }
    // Replies come back through berth's chain (-o bridge ESTABLISHED); nothing else is added.
    return extSide;
  }

  private static Ipv4Address resolve(Endpoint from, String name, BridgeNetwork network)
      throws Exception {
    String output =
        Root.inNetns(from.netns(), 5, "nslookup", name, network.allocation().gateway().toString())
            .stdout();
    Matcher matcher = ADDRESS.matcher(output.substring(output.indexOf("Name:")));
    assertThat(matcher.find()).as("nslookup %s answered:%n%s", name, output).isTrue();
    return Ipv4Address.parse(matcher.group(1));
  }

  private static boolean ping(Endpoint from, Ipv4Address to) {
    return Root.inNetns(from.netns(), 4, "ping", "-c", "1", "-W", "2", to.toString()).succeeded();
  }

  private static String tcp(Endpoint from, Ipv4Address to, int port) {
    return Root.inNetns(from.netns(), 5, "nc", to.toString(), String.valueOf(port)).stdout();
  }

  private static String hostTcp(String address, int port) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 3000);
      socket.setSoTimeout(3000);
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    }
  }

  /** The host's own address on its main interface (not loopback, not a bridge). */
  private static Ipv4Address hostAddress() throws Exception {
    String output =
        HostCommand.runChecked(
                List.of("ip", "-4", "-o", "addr", "show", "scope", "global"), Duration.ofSeconds(5))
            .stdout();
    for (String line : output.split("\n")) {
      String[] words = line.trim().split("\\s+");
      if (words.length > 3
          && !words[1].startsWith("berth")
          && !words[1].startsWith("docker")
          && !words[1].startsWith("br-")
          && !words[1].startsWith("veth")) {
        return Ipv4Address.parse(words[3].substring(0, words[3].indexOf('/')));
      }
    }
    throw new AssertionError("no global IPv4 address on this host:\n" + output);
  }
}
