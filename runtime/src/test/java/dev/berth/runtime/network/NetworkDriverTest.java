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
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
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
  private final List<NetworkAttachment> attachments =
      java.util.Collections.synchronizedList(new ArrayList<>());
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
    driver = openDriver();
  }

  private NetworkDriver openDriver() throws Exception {
    return NetworkDriver.open(
        root,
        new SubnetPool(List.of(PoolRange.parse("10.213.0.0/16:24"))),
        53,
        new ForwardingUpstream(List.of(fakeHostResolver.address()), Duration.ofSeconds(1)),
        NetworkFirewall.none(),
        problems::add);
  }

  @Test
  void aRestartedDriver_forgetsEndpointsWhoseNamespaceWentAndFreesTheirAddresses()
      throws Exception {
    network("n1");
    Netns gone = netns("gone");
    Netns kept = netns("kept");
    NetworkAttachment goneOne = driver.attach("n1", EndpointSpec.simple("gone", gone, List.of()));
    leaks.link(goneOne.hostInterface().value());
    attach("n1", EndpointSpec.simple("kept", kept, List.of("kept")));
    driver.close();
    namespaces.remove(gone);
    created.remove(gone);
    driver = openDriver();
    assertThat(driver.attachments())
        .extracting(NetworkAttachment::endpointId)
        .containsExactly("kept");
    NetworkAttachment next = attach("n1", EndpointSpec.simple("next", netns("next"), List.of()));
    assertThat(next.address()).isEqualTo(goneOne.address());
  }

  @Test
  void aRestartedDriver_keepsTheLabelsOptionsAndCreationTimeOfItsNetworks() throws Exception {
    java.time.Instant created = java.time.Instant.parse("2026-11-27T12:00:00.123Z");
    NetworkSpec.Metadata metadata =
        new NetworkSpec.Metadata(
            java.util.Map.of("tier", "web"),
            true,
            java.util.Map.of(NetworkSpec.MTU_OPTION, "1400"),
            created);
    BridgeNetwork network =
        driver.create(
            NetworkSpec.fromCompose(
                    "m1",
                    "meta",
                    false,
                    false,
                    dev.berth.runtime.network.ipam.IpamRequest.any(),
                    java.util.Map.of(NetworkSpec.MTU_OPTION, "1400"))
                .withMetadata(metadata));
    networks.add("m1");
    leaks.link(network.bridge().value());
    driver.close();

    driver = openDriver();

    assertThat(driver.networks()).hasSize(1);
    assertThat(driver.networks().get(0).spec().metadata()).isEqualTo(metadata);
    assertThat(driver.networks().get(0).spec().mtu()).isEqualTo(1400);
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
  void create_givesTheBridgeAFixedMacThatPortsComingAndGoingDoNotChange() throws Exception {
    BridgeNetwork network = network("n1");
    Path sys = Path.of("/sys/class/net", network.bridge().value());
    String expected = MacAddress.derivedFrom(network.allocation().gateway()).toString();
    // 3 = NET_ADDR_SET: the kernel no longer moves the bridge to its lowest port's MAC
    assertThat(Files.readString(sys.resolve("addr_assign_type")).strip()).isEqualTo("3");
    assertThat(Files.readString(sys.resolve("address")).strip()).isEqualTo(expected);
    attach("n1", EndpointSpec.simple("c1", netns("c1"), List.of()));
    driver.detach(attachments.remove(0));
    assertThat(Files.readString(sys.resolve("address")).strip()).isEqualTo(expected);
  }

  @Test
  void aRestartedDriver_givesABridgeWithAnotherMacItsFixedOne() throws Exception {
    BridgeNetwork network = network("n1");
    String bridge = network.bridge().value();
    HostCommand.runChecked(
        List.of("ip", "link", "set", "dev", bridge, "address", "02:00:00:00:00:99"),
        Duration.ofSeconds(5));
    driver.close();

    driver = openDriver();

    assertThat(Files.readString(Path.of("/sys/class/net", bridge, "address")).strip())
        .isEqualTo(MacAddress.derivedFrom(network.allocation().gateway()).toString());
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
  void composeDnsServers_answerTheirEndpointsOtherNamesOnly() throws Exception {
    BridgeNetwork network = network("n1");
    NameTable customNames = new NameTable();
    customNames.register(
        new dev.berth.runtime.network.dns.DnsEntry(
            "x",
            dev.berth.runtime.network.ipam.Ipv4Address.parse("192.0.2.123"),
            List.of("custom.test")));
    try (DnsServer custom =
        DnsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new QueryHandler(customNames, Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring())) {
      Netns withDns = netns("c1");
      Netns without = netns("c2");
      attach(
          "n1",
          new EndpointSpec(
              "c1",
              withDns,
              new LinkName("eth0"),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              true,
              List.of(custom.address())));
      attach("n1", EndpointSpec.simple("c2", without, List.of()));
      String gateway = network.allocation().gateway().toString();
      assertThat(Root.inNetns(withDns.file(), 5, "nslookup", "custom.test", gateway).stdout())
          .contains("192.0.2.123");
      assertThat(Root.inNetns(without.file(), 5, "nslookup", "custom.test", gateway).stdout())
          .doesNotContain("192.0.2.123");
    }
  }

  @Test
  void concurrentAttaches_allSucceedWithDistinctAddresses() throws Exception {
    network("n1");
    List<Netns> spaces = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      spaces.add(netns("c" + i));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<NetworkAttachment>> futures = new ArrayList<>();
      for (int i = 0; i < spaces.size(); i++) {
        Netns space = spaces.get(i);
        futures.add(
            pool.submit(() -> attach("n1", EndpointSpec.simple(space.id(), space, List.of()))));
      }
      java.util.Set<String> addresses = new java.util.HashSet<>();
      for (java.util.concurrent.Future<NetworkAttachment> future : futures) {
        addresses.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS).address().toString());
      }
      assertThat(addresses).hasSize(8);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void remove_ofANetworkWithEndpoints_isAConflictNamingThem() throws Exception {
    network("n1");
    attach("n1", EndpointSpec.simple("c1", netns("c1"), List.of()));
    assertThatThrownBy(() -> driver.remove("n1"))
        .hasMessage("network n1 has active endpoints: [c1]");
  }

  @Test
  void remove_takesTheNetworkAtOnceAndItsBridgeSubnetAndRecordOnceTheBridgeIsGone()
      throws Exception {
    BridgeNetwork network = network("n1");
    driver.remove("n1");
    networks.remove("n1");
    assertThat(driver.networks()).isEmpty();
    driver.awaitPendingDeletes();
    assertThat(
            HostCommand.run(
                    List.of("ip", "link", "show", network.bridge().value()), Duration.ofSeconds(5))
                .succeeded())
        .isFalse();
    assertThat(driver.ipam().network("n1")).isEmpty();
    driver.close();
    driver = openDriver();
    assertThat(driver.networks()).isEmpty(); // its record went too
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
  void detachLater_returnsAtOnceAndAnImmediateReattachWaitsForTheOldVeth() throws Exception {
    network("n1");
    Netns netns = netns("c1");
    NetworkAttachment first = driver.attach("n1", EndpointSpec.simple("c1", netns, List.of("web")));
    leaks.link(first.hostInterface().value());
    driver.detachLater(first);
    NetworkAttachment second = attach("n1", EndpointSpec.simple("c1", netns, List.of("web")));
    assertThat(second.hostInterface()).isEqualTo(first.hostInterface());
    assertThat(Root.inNetns(netns.file(), 5, "ip", "-4", "-o", "addr", "show", "eth0").stdout())
        .contains(second.address().toString());
  }

  @Test
  void detachLater_releasesTheAddressOnceTheVethIsGone() throws Exception {
    BridgeNetwork network = network("n1");
    Netns netns = netns("c1");
    NetworkAttachment first = driver.attach("n1", EndpointSpec.simple("c1", netns, List.of()));
    leaks.link(first.hostInterface().value());
    driver.detachLater(first);
    driver.remove("n1");
    networks.remove("n1");
    driver.awaitPendingDeletes();
    assertThat(driver.ipam().network("n1")).isEmpty();
    assertThat(
            HostCommand.run(
                    List.of("ip", "link", "show", first.hostInterface().value()),
                    Duration.ofSeconds(5))
                .succeeded())
        .isFalse();
    assertThat(network.bridge()).isNotNull();
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

  @Test
  void aContainerOnTwoNetworks_getsEth0AndEth1WithTheDefaultRouteWhereItWasChosen()
      throws Exception {
    BridgeNetwork front = network("front");
    BridgeNetwork back = network("back");
    Netns netns = netns("c1");
    NetworkAttachment onFront =
        attach(
            "front",
            new EndpointSpec(
                "c1",
                netns,
                new LinkName("eth0"),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                false));
    NetworkAttachment onBack =
        attach(
            "back",
            new EndpointSpec(
                "c1",
                netns,
                new LinkName("eth1"),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                true));
    String routes = Root.inNetns(netns.file(), 5, "ip", "route").stdout();
    assertThat(routes).contains("default via " + back.allocation().gateway() + " dev eth1");
    assertThat(routes).doesNotContain("default via " + front.allocation().gateway());
    assertThat(ping(netns, front.allocation().gateway())).isTrue();
    assertThat(ping(netns, back.allocation().gateway())).isTrue();
    assertThat(onFront.address().toString()).isNotEqualTo(onBack.address().toString());
  }

  @Test
  void disconnectAndConnect_ofARunningNamespace_removeAndRestoreTheInterface() throws Exception {
    BridgeNetwork front = network("front");
    network("back");
    Netns netns = netns("c1");
    attach("front", EndpointSpec.simple("c1", netns, List.of()));
    EndpointSpec second =
        new EndpointSpec(
            "c1",
            netns,
            new LinkName("eth1"),
            Optional.empty(),
            Optional.empty(),
            List.of("db"),
            false);
    NetworkAttachment onBack = attach("back", second);
    driver.detach(onBack);
    attachments.remove(onBack);
    assertThat(Root.inNetns(netns.file(), 5, "ip", "link", "show", "eth1").succeeded()).isFalse();
    assertThat(ping(netns, front.allocation().gateway())).isTrue();
    NetworkAttachment again = attach("back", second);
    assertThat(again.address()).isEqualTo(onBack.address());
    assertThat(Root.inNetns(netns.file(), 5, "ip", "link", "show", "eth1").succeeded()).isTrue();
  }

  @Test
  void aStaticAddressAndMtu_areHonoured() throws Exception {
    BridgeNetwork network =
        driver.create(
            new NetworkSpec(
                "n1",
                "n1",
                false,
                dev.berth.runtime.network.ipam.IpamRequest.any(),
                Optional.of(new LinkName("berthmtutest")),
                1400));
    networks.add("n1");
    leaks.link("berthmtutest");
    Netns netns = netns("c1");
    dev.berth.runtime.network.ipam.Ipv4Address wanted =
        network.allocation().subnet().network().plus(77);
    NetworkAttachment attachment =
        attach(
            "n1",
            new EndpointSpec(
                "c1",
                netns,
                new LinkName("eth0"),
                Optional.of(wanted),
                Optional.empty(),
                List.of(),
                true));
    assertThat(attachment.address()).isEqualTo(wanted);
    assertThat(Root.inNetns(netns.file(), 5, "ip", "link", "show", "eth0").stdout())
        .contains("mtu 1400");
    assertThat(
            HostCommand.runChecked(
                    List.of("ip", "link", "show", "berthmtutest"), Duration.ofSeconds(5))
                .stdout())
        .contains("mtu 1400");
  }

  private static boolean ping(Netns netns, dev.berth.runtime.network.ipam.Ipv4Address to) {
    return Root.inNetns(netns.file(), 4, "ping", "-c", "1", "-W", "2", to.toString()).succeeded();
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
