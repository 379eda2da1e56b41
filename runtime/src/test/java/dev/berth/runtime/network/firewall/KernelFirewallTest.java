package dev.berth.runtime.network.firewall;

import static dev.berth.runtime.network.firewall.FirewallTest.ip;
import static dev.berth.runtime.network.firewall.FirewallTest.network;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.network.OwnLeaks;
import dev.berth.runtime.network.netlink.Nftables;
import dev.berth.testkit.HostCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The firewall against the host's real nftables and iptables-nft, with its own table and chain. */
class KernelFirewallTest {
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String table = "berth-test-" + suffix;
  private final String chain = "BERTH-T-" + suffix;
  private OwnLeaks leaks;
  private Nftables nftables;
  private Firewall firewall;

  @BeforeEach
  void start() throws Exception {
    assertThat(HostCommand.runChecked(List.of("id", "-u"), Duration.ofSeconds(5)).stdout().strip())
        .as("firewall tests need root (CI runs as root)")
        .isEqualTo("0");
    leaks = new OwnLeaks();
    leaks.marker(suffix);
    nftables = Nftables.open();
    firewall = new Firewall(table, chain, nftables::run, new ProcessCommandRunner());
  }

  @AfterEach
  void cleanUp() {
    try {
      firewall.removeNetwork("n1");
      firewall.removeNetwork("n2");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      nftables.close();
    }
    leaks.awaitNone(java.time.Duration.ZERO);
  }

  @Test
  void rulesApplyToTheKernelAndGoWithTheLastNetwork() throws Exception {
    firewall.addNetwork(
        network("n1", "berthfwt" + suffix.substring(0, 6), "10.213.250.0/24", false));
    firewall.addNetwork(
        network("n2", "berthfwu" + suffix.substring(0, 6), "10.213.251.0/24", true));
    firewall.publish(
        "c1",
        List.of(
            new PortForward("c1", Protocol.TCP, Optional.empty(), 18080, ip("10.213.250.2"), 80)));
    String listed = nft("list", "table", "ip", table);
    assertThat(listed).contains("tcp dport 18080 dnat to 10.213.250.2:80").contains("masquerade");
    assertThat(iptables("-S", chain)).contains("-A " + chain + " -i berth+ -j ACCEPT");
    assertThat(iptables("-S", "FORWARD")).containsOnlyOnce("-j " + chain);
    assertThat(iptables("-S", "FORWARD").lines().skip(1).findFirst())
        .as("the jump comes first")
        .contains("-A FORWARD -j " + chain);

    firewall.removeNetwork("n1");
    firewall.removeNetwork("n2");
    assertThat(
            HostCommand.run(List.of("nft", "list", "table", "ip", table), Duration.ofSeconds(5))
                .succeeded())
        .isFalse();
    assertThat(iptables("-S", "FORWARD")).doesNotContain(chain);
  }

  @Test
  void reconcile_restoresAJumpSomeoneDeleted() throws Exception {
    firewall.addNetwork(
        network("n1", "berthfwt" + suffix.substring(0, 6), "10.213.250.0/24", false));
    HostCommand.runChecked(
        List.of("iptables", "-D", "FORWARD", "-j", chain), Duration.ofSeconds(5));
    firewall.reconcile();
    assertThat(iptables("-S", "FORWARD")).containsOnlyOnce("-j " + chain);
  }

  private static String nft(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("nft"));
    command.addAll(List.of(args));
    return HostCommand.runChecked(command, Duration.ofSeconds(5)).stdout();
  }

  private static String iptables(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("iptables", "-w", "5"));
    command.addAll(List.of(args));
    return HostCommand.runChecked(command, Duration.ofSeconds(5)).stdout();
  }
}
