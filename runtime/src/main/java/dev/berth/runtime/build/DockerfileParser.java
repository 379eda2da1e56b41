package dev.berth.runtime.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into {@link RawInstruction}s as BuildKit's parser does: parser directives at
 * the top, comments, line continuations with the escape character, leading {@code --flags} and the
 * JSON (exec) form. Instructions and flags berth does not implement fail here, naming the line.
 */
public final class DockerfileParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIRECTIVE =
      Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*[\"']?[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> SUPPORTED =
      Set.of(
          "FROM",
          "RUN",
          "CMD",
          "LABEL",
          "MAINTAINER",
          "EXPOSE",
          "ENV",
          "ADD",
          "COPY",
          "ENTRYPOINT",
          "VOLUME",
          "USER",
          "WORKDIR",
          "ARG",
          "STOPSIGNAL",
          "HEALTHCHECK",
          "SHELL");
  private static final Set<String> EXEC_FORM =
      Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME");
  private static final Map<String, Set<String>> FLAGS =
      Map.of(
          "COPY", Set.of("from", "chown", "chmod"),
          "ADD", Set.of("chown", "chmod"),
          "HEALTHCHECK",
              Set.of("interval", "timeout", "start-period", "start-interval", "retries"));
  private static final Set<String> LATER_FLAGS =
      Set.of(
          "platform",
          "mount",
          "network",
          "security",
          "link",
          "parents",
          "exclude",
          "checksum",
          "keep-git-dir");

  private DockerfileParser() {}

  /** Parses {@code text}; {@code file} names it in messages (e.g. {@code Dockerfile}). */
  public static Dockerfile parse(String file, String text) throws DockerfileException {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    char escape = '\\';
    String syntax = "";
    int i = 0;
    for (; i < lines.length; i++) {
      Matcher m = DIRECTIVE.matcher(lines[i]);
      if (!m.matches()) {
        break;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (name.equals("escape")) {
        String value = m.group(2);
        if (!value.equals("\\") && !value.equals("`")) {
          throw new DockerfileException(
              file + ":" + (i + 1) + ": invalid escape token '" + value + "' does not validate");
        }
        escape = value.charAt(0);
      } else if (name.equals("syntax")) {
        syntax = m.group(2);
      } else if (!name.equals("check")) {
        break; // an unknown directive is a comment and ends the directives
      }
    }
    List<RawInstruction> out = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
        continue;
      }
      if (current == null) {
        current = new StringBuilder();
        start = i + 1;
      } else if (trimmed.isEmpty()) {
        continue; // an empty line inside a continuation is dropped, as BuildKit does
      }
      String stripped = line.stripTrailing();
      if (!stripped.isEmpty() && stripped.charAt(stripped.length() - 1) == escape) {
        current.append(stripped, 0, stripped.length() - 1);
        continue;
      }
      current.append(line);
      out.add(instruction(file, start, current.toString().strip()));
      current = null;
    }
    if (current != null && !current.toString().isBlank()) {
      out.add(instruction(file, start, current.toString().strip()));
    }
    if (out.isEmpty()) {
      throw new DockerfileException("the Dockerfile (" + file + ") cannot be empty");
    }
    for (RawInstruction in : out) {
      if (in.keyword().equals("FROM")) {
        break;
      }
      if (!in.keyword().equals("ARG")) {
        throw new DockerfileException(
            in.where() + ": " + in.keyword() + ": no build stage in current context (FROM first)");
      }
    }
    return new Dockerfile(escape, syntax, out);
  }

  private static RawInstruction instruction(String file, int line, String text)
      throws DockerfileException {
    String[] split = text.split("\\s+", 2);
    String keyword = split[0].toUpperCase(Locale.ROOT);
    String rest = split.length > 1 ? split[1].strip() : "";
    String where = file + ":" + line + ": " + keyword;
    if (keyword.equals("ONBUILD")) {
      throw new DockerfileException(where + ": not supported by berth yet");
    }
    if (!SUPPORTED.contains(keyword)) {
      throw new DockerfileException(file + ":" + line + ": unknown instruction: " + split[0]);
    }
    Map<String, String> flags = new LinkedHashMap<>();
    while (rest.startsWith("--")) {
      String[] word = rest.split("\\s+", 2);
      String flag = word[0].substring(2);
      int eq = flag.indexOf('=');
      String name = eq < 0 ? flag : flag.substring(0, eq);
      if (LATER_FLAGS.contains(name)) {
        throw new DockerfileException(where + ": --" + name + " is not supported by berth yet");
      }
      if (!FLAGS.getOrDefault(keyword, Set.of()).contains(name)) {
        throw new DockerfileException(where + ": unknown flag: --" + name);
      }
      if (eq < 0) {
        throw new DockerfileException(
            where + ": --" + name + " needs a value (--" + name + "=...)");
      }
      flags.put(name, flag.substring(eq + 1));
      rest = word.length > 1 ? word[1].strip() : "";
    }
    List<String> json = EXEC_FORM.contains(keyword) ? jsonArray(rest) : null;
    if (json == null
        && Set.of("RUN", "COPY", "ADD").contains(keyword)
        && HEREDOC.matcher(rest).find()) {
      throw new DockerfileException(where + ": heredocs (<<EOF) are not supported by berth yet");
    }
    return new RawInstruction(file, line, keyword, flags, rest, json, text);
  }

  /** The words of a JSON array of strings, or null when {@code text} is not one (shell form). */
  static List<String> jsonArray(String text) {
    if (!text.startsWith("[")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isArray()) {
        return null;
      }
      List<String> words = new ArrayList<>();
      for (JsonNode n : node) {
        if (!n.isTextual()) {
          return null;
        }
        words.add(n.textValue());
      }
      return words;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
