package dev.berth.runtime.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.network.netlink.LinkName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the firewall writes for networks and ports, against fake nft and iptables. */
class FirewallTest {
  private final List<String> scripts = new ArrayList<>();
  private final FakeCommandRunner iptables = new FakeCommandRunner();
  private final Firewall firewall =
      new Firewall("berth", "BERTH-FORWARD", (action, script) -> scripts.add(script), iptables);

  @Test
  void addNetwork_replacesTheWholeTableInOneTransaction() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    String script = scripts.get(0);
    assertThat(script)
        .startsWith("add table ip berth\ndelete table ip berth\ntable ip berth {\n")
        .contains("elements = { \"berth000000001\" }")
        .contains(
            "iifname \"berth000000001\" oifname != \"berth000000001\" oifname @bridges"
                + " ct status & dnat != dnat drop")
        .contains("ip saddr 10.213.1.0/24 oifname != \"berth000000001\" masquerade")
        .contains(
            "oifname \"berth000000001\" ip saddr { 127.0.0.0/8, 10.213.1.0/24 } ct status dnat"
                + " masquerade");
  }

  @Test
  void anInternalNetwork_dropsEverythingLeavingOrEnteringItsBridgeAndIsNotMasqueraded()
      throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", true));
    assertThat(scripts.get(0))
        .contains("iifname \"berth000000001\" oifname != \"berth000000001\" drop")
        .contains("oifname \"berth000000001\" iifname != \"berth000000001\" drop")
        .doesNotContain("ip saddr 10.213.1.0/24 oifname");
  }

  private static final String BERTH_CHAIN =
      "*filter\n:BERTH-FORWARD - [0:0]\n-F BERTH-FORWARD\n"
          + "-A BERTH-FORWARD -i berth+ -j ACCEPT\n"
          + "-A BERTH-FORWARD -o berth+ -m conntrack"
          + " --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT\n";

  @Test
  void addNetwork_writesTheChainAndMovesTheJumpToTheTopInOneTransaction() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    assertThat(iptables.commands).containsExactly("iptables-restore -w 5 --noflush");
    assertThat(iptables.stdins.get(0))
        .isEqualTo(
            BERTH_CHAIN + "-D FORWARD -j BERTH-FORWARD\n-I FORWARD 1 -j BERTH-FORWARD\nCOMMIT\n");
  }

  @Test
  void addNetwork_whenTheJumpIsMissing_writesTheChainThenInsertsTheJump() throws Exception {
    iptables.failingInput = stdin -> stdin.contains("-D FORWARD");
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    assertThat(iptables.commands)
        .containsExactly(
            "iptables-restore -w 5 --noflush",
            "iptables-restore -w 5 --noflush",
            "iptables -w 5 -I FORWARD 1 -j BERTH-FORWARD");
    assertThat(iptables.stdins.get(1)).isEqualTo(BERTH_CHAIN + "COMMIT\n");
  }

  @Test
  void publishingAndUnpublishingPorts_leaveTheIptablesChainAlone() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    iptables.commands.clear();
    firewall.publish(
        "c1",
        List.of(new PortForward("c1", Protocol.TCP, Optional.empty(), 8080, ip("10.213.1.2"), 80)));
    firewall.unpublish("c1");
    assertThat(scripts).hasSize(3);
    assertThat(iptables.commands).isEmpty();
  }

  @Test
  void networksWithBerthNamedBridges_comeAndGoWithoutAnIptablesCommand() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    iptables.commands.clear();
    firewall.addNetwork(network("n2", "berth000000002", "10.213.2.0/24", false));
    firewall.removeNetwork("n1");
    assertThat(scripts).hasSize(3);
    assertThat(iptables.commands).isEmpty();
  }

  @Test
  void aBridgeNamedOtherwise_getsRulesOfItsOwnWhileItsNetworkLasts() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    firewall.addNetwork(network("n2", "custombr0", "10.213.2.0/24", false));
    assertThat(iptables.stdins.get(1))
        .startsWith(BERTH_CHAIN)
        .contains("-A BERTH-FORWARD -i custombr0 -j ACCEPT\n")
        .contains("-A BERTH-FORWARD -o custombr0 -m conntrack")
        .endsWith("-I FORWARD 1 -j BERTH-FORWARD\nCOMMIT\n");
    firewall.removeNetwork("n2");
    assertThat(iptables.stdins.get(2)).startsWith(BERTH_CHAIN).doesNotContain("custombr0");
    assertThat(iptables.commands).hasSize(3);
  }

  @Test
  void reconcile_rewritesTheChainAndTheJumpEvenWhenUnchanged() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    firewall.reconcile();
    assertThat(iptables.commands).hasSize(2);
    assertThat(iptables.stdins.get(1)).isEqualTo(iptables.stdins.get(0));
  }

  @Test
  void aFailedWrite_isRetriedByTheNextChange() throws Exception {
    iptables.exitCode = command -> 4;
    assertThatThrownBy(
            () -> firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false)))
        .isInstanceOf(dev.berth.runtime.api.EngineException.class);
    iptables.exitCode = command -> 0;
    iptables.commands.clear();
    firewall.addNetwork(network("n2", "berth000000002", "10.213.2.0/24", false));
    assertThat(iptables.commands).containsExactly("iptables-restore -w 5 --noflush");
  }

  @Test
  void removingTheLastNetwork_deletesTheTableTheJumpAndTheChain() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    iptables.commands.clear();
    iptables.failing =
        command -> command.equals("iptables -w 5 -D FORWARD -j BERTH-FORWARD") && jumps++ > 0;
    firewall.removeNetwork("n1");
    assertThat(scripts.get(1)).isEqualTo("add table ip berth\ndelete table ip berth\n");
    assertThat(iptables.commands)
        .containsExactly(
            "iptables -w 5 -D FORWARD -j BERTH-FORWARD",
            "iptables -w 5 -D FORWARD -j BERTH-FORWARD",
            "iptables -w 5 -S BERTH-FORWARD",
            "iptables -w 5 -F BERTH-FORWARD",
            "iptables -w 5 -X BERTH-FORWARD");
  }

  private int jumps;

  @Test
  void removingTheLastNetwork_whileTheXtablesLockIsHeld_failsInsteadOfLeavingTheChain()
      throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    iptables.commands.clear();
    iptables.exitCode = command -> command.contains("-D FORWARD") ? 4 : 0;
    assertThatThrownBy(() -> firewall.removeNetwork("n1"))
        .isInstanceOf(dev.berth.runtime.api.EngineException.class)
        .hasMessageContaining("remove the FORWARD jump to BERTH-FORWARD")
        .hasMessageContaining("exited 4");
    assertThat(iptables.commands).doesNotContain("iptables -w 5 -X BERTH-FORWARD");
  }

  @Test
  void publish_addsDnatsOnEveryLocalAddressOrOnlyTheHostIp() throws Exception {
    firewall.addNetwork(network("n1", "berth000000001", "10.213.1.0/24", false));
    firewall.publish(
        "c1",
        List.of(
            new PortForward("c1", Protocol.TCP, Optional.empty(), 8080, ip("10.213.1.2"), 80),
            new PortForward(
                "c1", Protocol.UDP, Optional.of(ip("127.0.0.1")), 5353, ip("10.213.1.2"), 53)));
    String script = scripts.get(1);
    assertThat(script)
        .contains(
            "type nat hook prerouting priority dstnat; policy accept;\n"
                + "    fib daddr type local jump publish")
        .contains(
            "type nat hook output priority -100; policy accept;\n"
                + "    fib daddr type local jump publish")
        .contains("    tcp dport 8080 dnat to 10.213.1.2:80\n")
        .contains("    ip daddr 127.0.0.1 udp dport 5353 dnat to 10.213.1.2:53\n");
    firewall.unpublish("c1");
    assertThat(scripts.get(2)).doesNotContain("dnat to");
  }

  static FirewallNetwork network(String id, String bridge, String subnet, boolean internal)
      throws Exception {
    return new FirewallNetwork(id, new LinkName(bridge), Subnet.parse(subnet), internal);
  }

  static Ipv4Address ip(String text) throws Exception {
    return Ipv4Address.parse(text);
  }
}
