package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;

/**
 * berth's chain in iptables' filter table (default {@code BERTH-FORWARD}), jumped from the top of
 * FORWARD: it accepts traffic from berth's bridges and replies and DNAT traffic into them, which a
 * FORWARD policy of DROP (Docker's) would otherwise drop, as br_netfilter sends bridged frames
 * through it. The jump is the only thing berth adds outside its own chain.
 */
final class IptablesForwardChain {

  private final String chain;
  private final CommandRunner runner;

  IptablesForwardChain(String chain, CommandRunner runner) {
    if (!chain.matches("BERTH-[A-Za-z0-9-]{1,22}")) {
      throw new IllegalArgumentException("invalid berth chain name \"" + chain + "\"");
    }
    this.chain = chain;
    this.runner = runner;
  }

  /**
   * Writes the chain's rules for {@code networks}' bridges and, with {@code ensureJump}, makes sure
   * FORWARD jumps to it first. One iptables-restore does both when the jump is there (deleting and
   * re-inserting it at the top, in one transaction); when it is not, that transaction fails as a
   * whole and the chain and the jump are written by two more commands.
   */
  void apply(List<FirewallNetwork> networks, boolean ensureJump) throws EngineException {
    StringBuilder rules = new StringBuilder("*filter\n:").append(chain).append(" - [0:0]\n");
    rules.append("-F ").append(chain).append('\n');
    for (FirewallNetwork network : networks) {
      String bridge = network.bridge().value();
      rules.append("-A ").append(chain).append(" -i ").append(bridge).append(" -j ACCEPT\n");
      rules
          .append("-A ")
          .append(chain)
          .append(" -o ")
          .append(bridge)
          .append(" -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT\n");
    }
    List<String> restore = List.of("iptables-restore", "-w", "5", "--noflush");
    if (ensureJump) {
      String moveJump = "-D FORWARD -j " + chain + "\n-I FORWARD 1 -j " + chain + "\nCOMMIT\n";
      if (runner.run(restore, rules + moveJump).exitCode() == 0) {
        return;
      }
    }
    check(restore, rules + "COMMIT\n", "write chain");
    if (ensureJump) {
      check(List.of("iptables", "-w", "5", "-I", "FORWARD", "1", "-j", chain), "", "jump");
    }
  }

  /**
   * Removes every FORWARD jump to the chain, then the chain; a missing jump or chain is fine. Any
   * other failure (the xtables lock still held after the wait, say) is an error: taking it for
   * "nothing left" would leave the chain on the host for good.
   */
  void remove() throws EngineException {
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
