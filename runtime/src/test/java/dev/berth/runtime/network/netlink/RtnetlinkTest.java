package dev.berth.runtime.network.netlink;

import static dev.berth.runtime.network.netlink.FakeNetlinkChannel.ack;
import static dev.berth.runtime.network.netlink.FakeNetlinkChannel.concat;
import static dev.berth.runtime.network.netlink.FakeNetlinkChannel.done;
import static dev.berth.runtime.network.netlink.FakeNetlinkChannel.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import org.junit.jupiter.api.Test;

/** The client's request/answer handling against scripted kernel answers. */
class RtnetlinkTest {
  private final FakeNetlinkChannel channel = new FakeNetlinkChannel();
  private final Rtnetlink rtnetlink = new Rtnetlink(channel);

  @Test
  void execute_returnsOnAnAcknowledgement() throws Exception {
    channel.answer(FakeNetlinkChannel::ack);
    rtnetlink.execute(new CreateBridge(new LinkName("berth0a1b"), 0));
    assertThat(channel.sent).hasSize(1);
  }

  @Test
  void execute_turnsAnErrnoIntoAMessageNamingTheRequest() {
    channel.answer(seq -> error(seq, 17));
    assertThatThrownBy(() -> rtnetlink.execute(new CreateBridge(new LinkName("berth0a1b"), 0)))
        .isInstanceOf(NetlinkException.class)
        .hasMessage("create bridge berth0a1b: EEXIST (File exists)")
        .satisfies(e -> assertThat(((NetlinkException) e).kind()).isEqualTo(ErrorKind.CONFLICT))
        .satisfies(e -> assertThat(((NetlinkException) e).isAlreadyExists()).isTrue());
  }

  @Test
  void execute_reportsNoSuchDeviceAsNotFound() {
    channel.answer(seq -> error(seq, 19));
    assertThatThrownBy(() -> rtnetlink.execute(new DeleteLink(new LinkName("berthgone"))))
        .hasMessage("delete link berthgone: ENODEV (No such device)")
        .satisfies(e -> assertThat(((NetlinkException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void execute_namesAnUnknownErrnoByNumber() {
    channel.answer(seq -> error(seq, 200));
    assertThatThrownBy(() -> rtnetlink.execute(new SetLinkUp(new LinkName("eth0"))))
        .hasMessage("set link eth0 up: errno 200");
  }

  @Test
  void execute_ignoresAnswersToOtherSequenceNumbers() throws Exception {
    channel.answer(seq -> concat(error(seq + 100, 17), ack(seq)));
    rtnetlink.execute(new SetLinkUp(new LinkName("eth0")));
  }

  @Test
  void link_decodesIndexNameKindFlagsMtuMacAndMaster() throws Exception {
    channel.answer(
        seq ->
            new MessageWriter(Rtnl.RTM_NEWLINK, 0)
                .ifinfomsg(Rtnl.AF_UNSPEC, 7, Rtnl.IFF_UP | 0x1000, 0)
                .attrString(Rtnl.IFLA_IFNAME, "berthv1")
                .attrInt(Rtnl.IFLA_MTU, 1500)
                .attr(Rtnl.IFLA_ADDRESS, Hex.bytes("0242ac1e0002"))
                .attrInt(Rtnl.IFLA_MASTER, 4)
                .beginNested(Rtnl.IFLA_LINKINFO)
                .attrString(Rtnl.IFLA_INFO_KIND, "veth")
                .endNested()
                .finish(seq));
    Link link = rtnetlink.link(new LinkName("berthv1"));
    assertThat(link.index()).isEqualTo(7);
    assertThat(link.name()).isEqualTo("berthv1");
    assertThat(link.kind()).isEqualTo("veth");
    assertThat(link.up()).isTrue();
    assertThat(link.mtu()).isEqualTo(1500);
    assertThat(link.mac()).hasToString("02:42:ac:1e:00:02");
    assertThat(link.masterIndex()).isEqualTo(4);
  }

  @Test
  void link_ofAMissingNameIsNotFound() {
    channel.answer(seq -> error(seq, 19));
    assertThatThrownBy(() -> rtnetlink.link(new LinkName("berthnone")))
        .hasMessage("get link berthnone: ENODEV (No such device)");
  }

  @Test
  void links_collectsEveryDatagramOfADumpUntilDone() throws Exception {
    channel.answer(
        seq ->
            concat(
                linkMessage(seq, 1, "lo"),
                linkMessage(seq, 2, "eth0"),
                linkMessage(seq, 3, "docker0"),
                done(seq)));
    assertThat(rtnetlink.links()).extracting(Link::name).containsExactly("lo", "eth0", "docker0");
  }

  @Test
  void addresses_decodeLocalAddressAndPrefix() throws Exception {
    channel.answer(
        seq ->
            concat(
                new MessageWriter(Rtnl.RTM_NEWADDR, Rtnl.NLM_F_MULTI)
                    .ifaddrmsg(Rtnl.AF_INET, 16, 0, 3)
                    .attr(Rtnl.IFA_ADDRESS, Hex.bytes("ac110001"))
                    .attr(Rtnl.IFA_LOCAL, Hex.bytes("ac110001"))
                    .finish(seq),
                done(seq)));
    LinkAddress address = rtnetlink.addresses().get(0);
    assertThat(address.index()).isEqualTo(3);
    assertThat(address.address()).isEqualTo(Ipv4Address.parse("172.17.0.1"));
    assertThat(address.subnet()).isEqualTo(Subnet.parse("172.17.0.0/16"));
  }

  @Test
  void routes_decodeDestinationGatewayOutputAndTable() throws Exception {
    channel.answer(
        seq ->
            concat(
                new MessageWriter(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_MULTI)
                    .rtmsg(Rtnl.AF_INET, 0, Rtnl.RT_TABLE_MAIN, Rtnl.RTPROT_BOOT, 0, 1)
                    .attrInt(Rtnl.RTA_TABLE, Rtnl.RT_TABLE_MAIN)
                    .attr(Rtnl.RTA_GATEWAY, Hex.bytes("c0000201"))
                    .attrInt(Rtnl.RTA_OIF, 2)
                    .finish(seq),
                new MessageWriter(Rtnl.RTM_NEWROUTE, Rtnl.NLM_F_MULTI)
                    .rtmsg(Rtnl.AF_INET, 16, Rtnl.RT_TABLE_MAIN, 2, 253, 1)
                    .attr(Rtnl.RTA_DST, Hex.bytes("ac110000"))
                    .attrInt(Rtnl.RTA_OIF, 3)
                    .finish(seq),
                done(seq)));
    assertThat(rtnetlink.routes())
        .containsExactly(
            new Route(Subnet.parse("0.0.0.0/0"), Ipv4Address.parse("192.0.2.1"), 2, 254),
            new Route(Subnet.parse("172.17.0.0/16"), null, 3, 254));
  }

  @Test
  void dump_failsWithTheKernelsError() {
    channel.answer(seq -> error(seq, 1));
    assertThatThrownBy(rtnetlink::links).hasMessage("list links: EPERM (Operation not permitted)");
  }

  @Test
  void close_closesTheChannel() {
    rtnetlink.close();
    assertThat(channel.closed).isTrue();
  }

  private static byte[] linkMessage(int seq, int index, String name) {
    return new MessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_MULTI)
        .ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0)
        .attrString(Rtnl.IFLA_IFNAME, name)
        .finish(seq);
  }
}
