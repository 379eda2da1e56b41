package dev.berth.runtime.build;

import java.util.List;
import java.util.Map;

/**
 * One instruction as written, continuation lines joined, before variables are expanded: {@code COPY
 * --from=build /app /app} has keyword {@code COPY}, flags {@code {from=build}} and args {@code /app
 * /app}. {@code json} holds the exec form's words ({@code ["a","b"]}) or is null.
 *
 * @param file the Dockerfile's name, for messages
 * @param line the first line of the instruction, from 1
 * @param text the instruction as written (continuations joined), for step messages
 */
public record RawInstruction(
    String file,
    int line,
    String keyword,
    Map<String, String> flags,
    String args,
    List<String> json,
    String text) {
  public RawInstruction {
    flags = Map.copyOf(flags);
    json = json == null ? null : List.copyOf(json);
  }

  /** {@code Dockerfile:7}. */
  public String where() {
    return file + ":" + line;
  }

  public boolean isExecForm() {
    return json != null;
  }
}
