package dev.berth.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.network.dns.DnsListener;
import dev.berth.runtime.network.dns.DnsServer;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.NameTable;
import dev.berth.runtime.network.dns.QueryHandler;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.netns.NetnsDirectory;
import dev.berth.testkit.HostCommand;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real bridges, veths and namespaces on this host (root), removed after every test. */
class NetworkDriverTest {
  private OwnLeaks leaks;
  private Path root;
  private DnsServer fakeHostResolver;
  private NetworkDriver driver;
  private NetnsDirectory namespaces;
  private final List<NetworkAttachment> attachments = new ArrayList<>();
  private final List<Netns> created = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Root.require();
    leaks = new OwnLeaks();
    root = Files.createTempDirectory("berth-test-net");
    leaks.marker(root.toString());
    namespaces = new NetnsDirectory(root.resolve("netns"));
    // Names nobody knows are "forwarded" to a resolver on loopback, never off this machine.
    fakeHostResolver =
        DnsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new QueryHandler(new NameTable(), Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    driver =
        NetworkDriver.open(
            root,
            new SubnetPool(List.of(PoolRange.parse("10.213.0.0/16:24"))),
            53,
            new ForwardingUpstream(List.of(fakeHostResolver.address()), Duration.ofSeconds(1)),
            NetworkFirewall.none(),
            problems::add);
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      for (NetworkAttachment attachment : attachments) {
        driver.detach(attachment);
      }
      for (String network : networks) {
        driver.remove(network);
      }
      for (Netns netns : created) {
        namespaces.remove(netns);
      }
    } finally {
      if (driver != null) {
        driver.close();
      }
      if (fakeHostResolver != null) {
        fakeHostResolver.close();
      }
      HostCommand.run(List.of("rm", "-rf", root.toString()), Duration.ofSeconds(10));
    }
    leaks.awaitNone(Duration.ofSeconds(5));
    assertThat(problems).isEmpty();
  }

  @Test
  void create_makesAnUpBridgeWithTheGatewayAddress() throws Exception {
    BridgeNetwork network = network("n1");
    String shown =
        HostCommand.runChecked(
                List.of("ip", "-4", "-o", "addr", "show", "dev", network.bridge().value()),
                Duration.ofSeconds(5))
            .stdout();
    assertThat(shown)
        .contains(
            network.allocation().gateway() + "/" + network.allocation().subnet().prefixLength());
    assertThat(network.bridge().value()).startsWith("berth").hasSize(15);
  }

  @Test
  void attach_wiresEth0WithAddressMacAndDefaultRouteThatReachesTheGateway() throws Exception {
    BridgeNetwork network = network("n1");
    Netns netns = netns("c1");
    NetworkAttachment attachment = attach("n1", EndpointSpec.simple("c1", netns, List.of("web")));

    String addr = Root.inNetns(netns.file(), 5, "ip", "-4", "-o", "addr", "show", "eth0").stdout();
    assertThat(addr).contains(attachment.address() + "/24");
    String link = Root.inNetns(netns.file(), 5, "ip", "-o", "link", "show", "eth0").stdout();
    assertThat(link).contains(attachment.mac().toString()).contains("UP");
    String routes = Root.inNetns(netns.file(), 5, "ip", "route").stdout();
    assertThat(routes).contains("default via " + network.allocation().gateway() + " dev eth0");
    assertThat(
            Root.inNetns(
                    netns.file(),
                    5,
                    "ping",
                    "-c",
                    "1",
                    "-W",
                    "2",
                    network.allocation().gateway().toString())
                .succeeded())
        .isTrue();
  }

  @Test
  void attach_answersDnsForTheEndpointsNamesOnTheGateway() throws Exception {
    BridgeNetwork network = network("n1");
    Netns netns = netns("c1");
    NetworkAttachment attachment =
        attach("n1", EndpointSpec.simple("c1", netns, List.of("web", "project-web-1")));
    String answer =
        Root.inNetns(netns.file(), 5, "nslookup", "web", network.allocation().gateway().toString())
            .stdout();
    assertThat(answer).contains(attachment.address().toString());
  }

  @Test
  void detach_removesBothEndsOfTheVeth() throws Exception {
    network("n1");
    Netns netns = netns("c1");
    NetworkAttachment attachment = attach("n1", EndpointSpec.simple("c1", netns, List.of()));
    driver.detach(attachments.remove(0));
    assertThat(
            HostCommand.run(
                    List.of("ip", "link", "show", attachment.hostInterface().value()),
                    Duration.ofSeconds(5))
                .succeeded())
        .isFalse();
    assertThat(Root.inNetns(netns.file(), 5, "ip", "link", "show", "eth0").succeeded()).isFalse();
  }

  @Test
  void attach_toAMissingNamespace_failsAndGivesTheAddressBack() throws Exception {
    network("n1");
    Netns ghost = new Netns("ghost", root.resolve("netns").resolve("ghost"));
    assertThatThrownBy(() -> driver.attach("n1", EndpointSpec.simple("ghost", ghost, List.of())))
        .hasMessageContaining("attach ghost to network n1")
        .hasMessageContaining("ghost");
    Netns real = netns("c1");
    NetworkAttachment attachment = attach("n1", EndpointSpec.simple("c1", real, List.of()));
    assertThat(attachment.address()).isEqualTo(attachment.subnet().network().plus(2));
  }

  private BridgeNetwork network(String id) throws Exception {
    BridgeNetwork network = driver.create(NetworkSpec.simple(id, id));
    networks.add(id);
    leaks.link(network.bridge().value());
    return network;
  }

  private Netns netns(String id) throws Exception {
    Netns netns = namespaces.create(id);
    created.add(netns);
    return netns;
  }

  private NetworkAttachment attach(String network, EndpointSpec endpoint) throws Exception {
    NetworkAttachment attachment = driver.attach(network, endpoint);
    attachments.add(attachment);
    leaks.link(attachment.hostInterface().value());
    return attachment;
  }
}
