package dev.berth.runtime.linux;

import java.nio.file.Path;
import java.util.StringJoiner;

/** Renders a C call with its arguments, e.g. {@code umount2("/x", MNT_DETACH)}, for messages. */
final class Call {
  private Call() {}

  static String of(String function, Object... args) {
    StringJoiner joiner = new StringJoiner(", ", function + "(", ")");
    for (Object arg : args) {
      joiner.add(render(arg));
    }
    return joiner.toString();
  }

  /** An argument printed as is, such as a flag set already rendered by name. */
  static Raw raw(String text) {
    return new Raw(text);
  }

  private static String render(Object arg) {
    if (arg == null) {
      return "NULL";
    }
    if (arg instanceof Raw raw) {
      return raw.text();
    }
    if (arg instanceof String || arg instanceof Path) {
      return quote(arg.toString());
    }
    return arg.toString();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Text that is shown without quotes. */
  record Raw(String text) {}
}
