package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the string form of {@code command}/{@code entrypoint} into words as Compose does (POSIX
 * shell quoting, no expansion): {@code echo "a b"} is {@code [echo, a b]}.
 */
public final class ShellWords {
  private ShellWords() {}

  /** The words of {@code line}; fails on an unterminated quote. */
  public static List<String> split(String line) throws EngineException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < line.length()
            && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "unterminated quote in command \"" + line + "\"");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return List.copyOf(words);
  }
}
