package dev.berth.runtime.network.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records commands; those matching {@code failing} or whose input matches {@code failingInput} exit
 * 1 (iptables' "not there"), the rest 0, unless {@code exitCode} says otherwise.
 */
final class FakeCommandRunner implements CommandRunner {
  final List<String> commands = new ArrayList<>();
  final List<String> stdins = new ArrayList<>();
  Predicate<String> failing = command -> false;
  Predicate<String> failingInput = stdin -> false;
  java.util.function.ToIntFunction<String> exitCode = line -> failing.test(line) ? 1 : 0;

  @Override
  public Result run(List<String> command, String stdin) {
    String line = String.join(" ", command);
    commands.add(line);
    stdins.add(stdin);
    int code = failingInput.test(stdin) ? 1 : exitCode.applyAsInt(line);
    return new Result(code, code == 0 ? "" : code == 1 ? "Bad rule" : "xtables lock held");
  }
}
