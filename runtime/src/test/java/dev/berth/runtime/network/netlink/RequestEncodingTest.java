package dev.berth.runtime.network.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Byte-exact wire forms of every request, as iproute2 would send them (little-endian host). */
class RequestEncodingTest {
  private static final LinkName BRIDGE = new LinkName("berth0a1b");
  private static final LinkName VETH = new LinkName("berthv1");
  private static final LinkName ETH0 = new LinkName("eth0");

  @BeforeAll
  static void hostIsLittleEndian() {
    assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void createBridge_sendsNewlinkWithNameAndBridgeKind() {
    assertThat(Hex.of(new CreateBridge(BRIDGE, 0).encode(1)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "40000000 1000 0506 01000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "0e000300 62657274 68306131 62000000"
                        + "10001200 0b000100 62726964 67650000")));
  }

  @Test
  void createBridge_withMtu_addsIflaMtu() {
    byte[] message = new CreateBridge(BRIDGE, 1400).encode(7);
    assertThat(Hex.of(message))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "48000000 1000 0506 07000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "0e000300 62657274 68306131 62000000"
                        + "08000400 78050000"
                        + "10001200 0b000100 62726964 67650000")));
  }

  @Test
  void createVethPair_nestsThePeerWithItsOwnIfinfomsgNamespaceAndMac() throws Exception {
    byte[] message =
        new CreateVethPair(VETH, 5, 0, ETH0, 9, MacAddress.parse("02:42:ac:1e:00:02")).encode(2);
    assertThat(Hex.of(message))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "7c000000 1000 0506 02000000 00000000"
                        // ifinfomsg: flags IFF_UP, change IFF_UP
                        + "00000000 00000000 01000000 01000000"
                        + "0c000300 62657274 68763100" // IFLA_IFNAME berthv1
                        + "08000a00 05000000" // IFLA_MASTER 5
                        + "48001200" // IFLA_LINKINFO
                        + "09000100 76657468 00000000" // IFLA_INFO_KIND veth
                        + "38000200" // IFLA_INFO_DATA
                        + "34000100" // VETH_INFO_PEER
                        + "00000000 00000000 00000000 00000000" // peer ifinfomsg
                        + "09000300 65746830 00000000" // IFLA_IFNAME eth0
                        + "0a000100 0242ac1e 00020000" // IFLA_ADDRESS
                        + "08001c00 09000000"))); // IFLA_NET_NS_FD 9
  }

  @Test
  void moveLinkToNetns_findsTheLinkByNameAndSendsTheFd() {
    assertThat(Hex.of(new MoveLinkToNetns(VETH, 12, "/run/berth/netns/x").encode(3)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "34000000 1000 0500 03000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "0c000300 62657274 68763100"
                        + "08001c00 0c000000")));
  }

  @Test
  void renameLink_addressesTheLinkByIndex() {
    assertThat(Hex.of(new RenameLink(42, VETH, ETH0).encode(4)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "2c000000 1000 0500 04000000 00000000"
                        + "00000000 2a000000 00000000 00000000"
                        + "09000300 65746830 00000000")));
  }

  @Test
  void setLinkUp_setsIffUpInFlagsAndChange() {
    assertThat(Hex.of(new SetLinkUp(ETH0).encode(5)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "2c000000 1000 0500 05000000 00000000"
                        + "00000000 00000000 01000000 01000000"
                        + "09000300 65746830 00000000")));
  }

  @Test
  void setLinkMtuMacAndMaster_eachSendOneAttribute() throws Exception {
    String header = "00000000 00000000 00000000 00000000 09000300 65746830 00000000";
    assertThat(Hex.of(new SetLinkMtu(ETH0, 9000).encode(1)))
        .isEqualTo(
            Hex.of(
                Hex.bytes("34000000 1000 0500 01000000 00000000" + header + "08000400 28230000")));
    assertThat(Hex.of(new SetLinkMac(ETH0, MacAddress.parse("02:00:00:00:00:01")).encode(1)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "38000000 1000 0500 01000000 00000000"
                        + header
                        + "0a000100 02000000 00010000")));
    assertThat(Hex.of(new SetLinkMaster(ETH0, 3, BRIDGE).encode(1)))
        .isEqualTo(
            Hex.of(
                Hex.bytes("34000000 1000 0500 01000000 00000000" + header + "08000a00 03000000")));
  }

  @Test
  void setBridgePortHairpin_sendsBrportModeAsBridgeSlaveData() {
    assertThat(Hex.of(new SetBridgePortHairpin(VETH).encode(1)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "48000000 1000 0500 01000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "0c000300 62657274 68763100"
                        + "1c001200" // IFLA_LINKINFO
                        + "0b000400 62726964 67650000" // IFLA_INFO_SLAVE_KIND bridge
                        + "0c000500" // IFLA_INFO_SLAVE_DATA
                        + "05000400 01000000"))); // IFLA_BRPORT_MODE hairpin
  }

  @Test
  void deleteLink_sendsDellinkByName() {
    assertThat(Hex.of(new DeleteLink(BRIDGE).encode(6)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "30000000 1100 0500 06000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "0e000300 62657274 68306131 62000000")));
  }

  @Test
  void addAddress_sendsLocalAddressAndBroadcast() throws Exception {
    byte[] message = new AddAddress(ETH0, 2, Ipv4Address.parse("172.30.0.2"), 24).encode(8);
    assertThat(Hex.of(message))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "30000000 1400 0506 08000000 00000000"
                        + "02180000 02000000"
                        + "08000200 ac1e0002"
                        + "08000100 ac1e0002"
                        + "08000400 ac1e00ff")));
  }

  @Test
  void addDefaultRoute_sendsGatewayAndOutputInterfaceInTheMainTable() throws Exception {
    byte[] message = new AddDefaultRoute(Ipv4Address.parse("172.30.0.1"), 2, ETH0).encode(9);
    assertThat(Hex.of(message))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "2c000000 1800 0506 09000000 00000000"
                        + "02000000 fe030001 00000000"
                        + "08000500 ac1e0001"
                        + "08000400 02000000")));
  }

  @Test
  void getLink_asksForOneLinkByNameWithoutDumpFlag() {
    assertThat(Hex.of(new GetLink(ETH0).encode(10)))
        .isEqualTo(
            Hex.of(
                Hex.bytes(
                    "2c000000 1200 0100 0a000000 00000000"
                        + "00000000 00000000 00000000 00000000"
                        + "09000300 65746830 00000000")));
  }

  @Test
  void dumps_setTheDumpFlagWithAFamilyHeader() {
    assertThat(Hex.of(new DumpLinks().encode(1)))
        .isEqualTo(Hex.of(Hex.bytes("20000000 1200 0103 01000000 00000000" + "00".repeat(16))));
    assertThat(Hex.of(new DumpAddresses().encode(1)))
        .isEqualTo(Hex.of(Hex.bytes("18000000 1600 0103 01000000 00000000 02000000 00000000")));
    assertThat(Hex.of(new DumpRoutes().encode(1)))
        .isEqualTo(
            Hex.of(Hex.bytes("1c000000 1a00 0103 01000000 00000000 02000000 00000000 00000000")));
  }

  @Test
  void describe_namesTheActionAndTheObjects() throws Exception {
    assertThat(new CreateBridge(BRIDGE, 0).describe()).isEqualTo("create bridge berth0a1b");
    assertThat(new CreateVethPair(VETH, 1, 0, ETH0, 3, null).describe())
        .isEqualTo("create veth pair berthv1/eth0");
    assertThat(new AddAddress(ETH0, 2, Ipv4Address.parse("172.30.0.2"), 24).describe())
        .isEqualTo("add address 172.30.0.2/24 to eth0");
  }
}
