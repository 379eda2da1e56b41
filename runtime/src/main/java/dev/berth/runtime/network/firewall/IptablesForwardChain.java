package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;

/**
 * berth's chain in iptables' filter table (default {@code BERTH-FORWARD}), jumped from the top of
 * FORWARD: it accepts traffic from berth's bridges and replies and DNAT traffic into them, which a
 * FORWARD policy of DROP (Docker's) would otherwise drop, as br_netfilter sends bridged frames
 * through it. The jump is the only thing berth adds outside its own chain.
 *
 * <p>The rules name berth's bridges by their prefix ({@code berth+}: every bridge berth names, and
 * berthd's default {@code berth0}), so creating and removing networks leaves the chain as it is: an
 * iptables process costs ~15–25 ms of a network's creation here. Only a bridge named otherwise
 * ({@code com.docker.network.bridge.name}) gets rules of its own. Accepting here only exempts the
 * traffic from FORWARD's policy; which bridges may talk to which is berth's nft table's business.
 */
final class IptablesForwardChain {
  /** iptables' interface wildcard for every link whose name starts with {@code berth}. */
  static final String BERTH_LINKS = "berth+";

  private final String chain;
  private final CommandRunner runner;

  /** The rules last written, or null when the chain may not be as berth left it. */
  private String written;

  IptablesForwardChain(String chain, CommandRunner runner) {
    if (!chain.matches("BERTH-[A-Za-z0-9-]{1,22}")) {
      throw new IllegalArgumentException("invalid berth chain name \"" + chain + "\"");
    }
    this.chain = chain;
    this.runner = runner;
  }

  /**
   * Writes the chain's rules for {@code networks}' bridges, unless they are what it last wrote and
   * {@code force} is false, and then makes sure FORWARD jumps to it first. One iptables-restore
   * does both when the jump is there (deleting and re-inserting it at the top, in one transaction);
   * when it is not, that transaction fails as a whole and the chain and the jump are written by two
   * more commands.
   */
  void apply(List<FirewallNetwork> networks, boolean force) throws EngineException {
    StringBuilder rules = new StringBuilder("*filter\n:").append(chain).append(" - [0:0]\n");
    rules.append("-F ").append(chain).append('\n');
    accept(rules, BERTH_LINKS);
    for (FirewallNetwork network : networks) {
      String bridge = network.bridge().value();
      if (!bridge.startsWith("berth")) {
        accept(rules, bridge);
      }
    }
    String text = rules.toString();
    if (!force && text.equals(written)) {
      return;
    }
    written = null;
    List<String> restore = List.of("iptables-restore", "-w", "5", "--noflush");
    String moveJump = "-D FORWARD -j " + chain + "\n-I FORWARD 1 -j " + chain + "\nCOMMIT\n";
    if (runner.run(restore, text + moveJump).exitCode() != 0) {
      check(restore, text + "COMMIT\n", "write chain");
      check(List.of("iptables", "-w", "5", "-I", "FORWARD", "1", "-j", chain), "", "jump");
    }
    written = text;
  }

  private void accept(StringBuilder rules, String links) {
    rules.append("-A ").append(chain).append(" -i ").append(links).append(" -j ACCEPT\n");
    rules
        .append("-A ")
        .append(chain)
        .append(" -o ")
        .append(links)
        .append(" -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT\n");
  }

  /**
   * Removes every FORWARD jump to the chain, then the chain; a missing jump or chain is fine. Any
   * other failure (the xtables lock still held after the wait, say) is an error: taking it for
   * "nothing left" would leave the chain on the host for good.
   */
  void remove() throws EngineException {
    written = null;
    List<String> unjump = List.of("iptables", "-w", "5", "-D", "FORWARD", "-j", chain);
    CommandRunner.Result removed;
    while ((removed = runner.run(unjump, "")).exitCode() == 0) {
      // one jump removed; look for another left by an older engine
    }
    failUnlessAbsent(removed, unjump, "remove the FORWARD jump to");
    List<String> list = List.of("iptables", "-w", "5", "-S", chain);
    CommandRunner.Result listed = runner.run(list, "");
    if (listed.exitCode() == 0) {
      check(List.of("iptables", "-w", "5", "-F", chain), "", "flush chain");
      check(List.of("iptables", "-w", "5", "-X", chain), "", "delete chain");
    } else {
      failUnlessAbsent(listed, list, "list");
    }
  }

  /**
   * iptables exits 1 for a rule or chain that is not there ("Bad rule", "No chain/target/match"), 2
   * for a jump to a chain that does not exist; anything else (4: the lock) is a failure.
   */
  private void failUnlessAbsent(CommandRunner.Result result, List<String> command, String what)
      throws EngineException {
    boolean absent =
        result.exitCode() == 1
            || result.exitCode() == 2 && result.output().contains("does not exist");
    if (!absent) {
      throw failure(what, command, result);
    }
  }

  String name() {
    return chain;
  }

  private void check(List<String> command, String stdin, String what) throws EngineException {
    CommandRunner.Result result = runner.run(command, stdin);
    if (result.exitCode() != 0) {
      throw failure(what, command, result);
    }
  }

  private EngineException failure(String what, List<String> command, CommandRunner.Result result) {
    return new EngineException(
        ErrorKind.UNAVAILABLE,
        "iptables "
            + what
            + " "
            + chain
            + ": "
            + String.join(" ", command)
            + " exited "
            + result.exitCode()
            + ": "
            + result.output());
  }
}
