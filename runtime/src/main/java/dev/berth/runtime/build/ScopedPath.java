package dev.berth.runtime.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a path inside a root directory as if the root were {@code /}: symlinks are followed with
 * absolute targets re-rooted and {@code ..} stopping at the root, so neither a hostile context nor
 * an image's symlinks reach outside (like moby's {@code symlink.FollowSymlinkInScope}).
 */
final class ScopedPath {
  private static final int MAX_LINKS = 255;

  private ScopedPath() {}

  /**
   * The relative path (slash-separated, no leading slash; empty for the root) that {@code path}
   * names under {@code root}; components that do not exist are kept as written.
   */
  static String resolve(Path root, String path) throws IOException {
    Deque<String> todo = new ArrayDeque<>(parts(path));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(part);
      Path here = root.resolve(String.join("/", done));
      if (Files.isSymbolicLink(here)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links in " + path);
        }
        String target = Files.readSymbolicLink(here).toString();
        done.remove(done.size() - 1);
        if (target.startsWith("/")) {
          done.clear();
        }
        List<String> more = parts(target);
        for (int i = more.size() - 1; i >= 0; i--) {
          todo.addFirst(more.get(i));
        }
      }
    }
    return String.join("/", done);
  }

  private static List<String> parts(String path) {
    return Arrays.stream(path.split("/")).filter(p -> !p.isEmpty() && !p.equals(".")).toList();
  }
}
