package dev.berth.runtime.network.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.Namespaces;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.testkit.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The codec against the real kernel, inside a private network namespace so the host is never
 * touched: what the byte-exact tests assume, the kernel confirms.
 */
class RtnetlinkKernelTest {
  private static final LinkName BRIDGE = new LinkName("berthkt0");
  private Path root;
  private Path netns;
  private Rtnetlink rtnetlink;

  @BeforeEach
  void openInAFreshNamespace() throws Exception {
    assertThat(HostCommand.runChecked(List.of("id", "-u"), Duration.ofSeconds(5)).stdout().strip())
        .as("rtnetlink kernel tests need root (CI runs as root)")
        .isEqualTo("0");
    root = Files.createTempDirectory("berth-test-nl");
    netns = root.resolve("ns");
    Namespaces.createNetworkNamespace(netns);
    rtnetlink = Rtnetlink.openIn(netns);
  }

  @AfterEach
  void removeTheNamespace() throws Exception {
    try {
      if (rtnetlink != null) {
        rtnetlink.close();
      }
    } finally {
      if (Files.exists(netns)) {
        Namespaces.removeNetworkNamespace(netns);
      }
      Files.deleteIfExists(root);
    }
  }

  @Test
  void aNewNamespace_listsOnlyLoopbackDown() throws Exception {
    List<Link> links = rtnetlink.links();
    assertThat(links).extracting(Link::name).containsExactly("lo");
    assertThat(links.get(0).up()).isFalse();
  }

  @Test
  void createBridge_thenGetLinkReportsItsKindMtuAndMac() throws Exception {
    rtnetlink.execute(new CreateBridge(BRIDGE, 1400));
    Link bridge = rtnetlink.link(BRIDGE);
    assertThat(bridge.kind()).isEqualTo("bridge");
    assertThat(bridge.mtu()).isEqualTo(1400);
    assertThat(bridge.mac()).isNotNull();
    assertThat(bridge.up()).isFalse();
    rtnetlink.execute(new SetLinkUp(BRIDGE));
    assertThat(rtnetlink.link(BRIDGE).up()).isTrue();
  }

  @Test
  void createBridge_twiceIsEexistNamingTheBridge() throws Exception {
    rtnetlink.execute(new CreateBridge(BRIDGE, 0));
    assertThatThrownBy(() -> rtnetlink.execute(new CreateBridge(BRIDGE, 0)))
        .hasMessage("create bridge berthkt0: EEXIST (File exists)")
        .satisfies(e -> assertThat(((NetlinkException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void deleteLink_ofNothingIsEnodev() {
    assertThatThrownBy(() -> rtnetlink.execute(new DeleteLink(new LinkName("berthnone"))))
        .isInstanceOfSatisfying(
            NetlinkException.class, e -> assertThat(e.isNoSuchDevice()).isTrue());
  }

  @Test
  void addressesAndRoutes_roundTripThroughTheKernel() throws Exception {
    rtnetlink.execute(new CreateBridge(BRIDGE, 0));
    int index = rtnetlink.link(BRIDGE).index();
    rtnetlink.execute(new AddAddress(BRIDGE, index, Ipv4Address.parse("10.9.8.1"), 24));
    rtnetlink.execute(new SetLinkUp(BRIDGE));
    rtnetlink.execute(new AddDefaultRoute(Ipv4Address.parse("10.9.8.254"), index, BRIDGE));

    assertThat(rtnetlink.addresses())
        .contains(new LinkAddress(index, Ipv4Address.parse("10.9.8.1"), 24));
    assertThat(rtnetlink.routes())
        .contains(new Route(Subnet.parse("0.0.0.0/0"), Ipv4Address.parse("10.9.8.254"), index, 254))
        .contains(new Route(Subnet.parse("10.9.8.0/24"), null, index, 254));
  }

  @Test
  void vethPair_withThePeerInAnotherNamespace_arrivesThereNamedWithItsMac() throws Exception {
    Path other = root.resolve("other");
    Namespaces.createNetworkNamespace(other);
    try (NetnsFd fd = NetnsFd.open(other);
        Rtnetlink inOther = Rtnetlink.openIn(other)) {
      MacAddress mac = MacAddress.parse("02:42:0a:09:08:02");
      rtnetlink.execute(
          new CreateVethPair(
              new LinkName("berthkv0"), 0, 1450, new LinkName("eth0"), fd.fd(), mac));
      Link host = rtnetlink.link(new LinkName("berthkv0"));
      Link peer = inOther.link(new LinkName("eth0"));
      assertThat(host.kind()).isEqualTo("veth");
      assertThat(host.up()).isTrue();
      assertThat(peer.mac()).isEqualTo(mac);
      assertThat(peer.mtu()).isEqualTo(1450);
      rtnetlink.execute(new DeleteLink(new LinkName("berthkv0")));
      assertThat(inOther.links()).extracting(Link::name).containsExactly("lo");
    } finally {
      Namespaces.removeNetworkNamespace(other);
    }
  }

  @Test
  void moveRenameMacMtuAndMaster_applyToAnExistingLink() throws Exception {
    Path other = root.resolve("other");
    Namespaces.createNetworkNamespace(other);
    try (NetnsFd fd = NetnsFd.open(other);
        Rtnetlink inOther = Rtnetlink.openIn(other)) {
      LinkName a = new LinkName("berthka");
      LinkName b = new LinkName("berthkb");
      rtnetlink.execute(new CreateBridge(BRIDGE, 0));
      rtnetlink.execute(new CreateVethPair(a, 0, 0, b, -1, null));
      rtnetlink.execute(new SetLinkMaster(a, rtnetlink.link(BRIDGE).index(), BRIDGE));
      rtnetlink.execute(new SetLinkMtu(b, 1300));
      rtnetlink.execute(new SetLinkMac(b, MacAddress.parse("02:00:00:00:00:42")));
      assertThat(rtnetlink.link(a).masterIndex()).isEqualTo(rtnetlink.link(BRIDGE).index());
      rtnetlink.execute(new MoveLinkToNetns(b, fd.fd(), other.toString()));
      int index = inOther.link(b).index();
      inOther.execute(new RenameLink(index, b, new LinkName("eth0")));
      Link moved = inOther.link(new LinkName("eth0"));
      assertThat(moved.mtu()).isEqualTo(1300);
      assertThat(moved.mac()).hasToString("02:00:00:00:00:42");
    } finally {
      Namespaces.removeNetworkNamespace(other);
    }
  }
}
