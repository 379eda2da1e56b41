package dev.berth.runtime.network.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records commands; those matching {@code failing} exit 1, the rest 0. */
final class FakeCommandRunner implements CommandRunner {
  final List<String> commands = new ArrayList<>();
  final List<String> stdins = new ArrayList<>();
  Predicate<String> failing = command -> false;

  @Override
  public Result run(List<String> command, String stdin) {
    String line = String.join(" ", command);
    commands.add(line);
    stdins.add(stdin);
    return new Result(failing.test(line) ? 1 : 0, failing.test(line) ? "Bad rule" : "");
  }
}
