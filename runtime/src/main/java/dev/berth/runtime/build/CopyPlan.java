package dev.berth.runtime.build;

import dev.berth.runtime.image.Digest;
import dev.berth.runtime.layer.Decompression;
import dev.berth.runtime.layer.LayerTarWriter;
import dev.berth.runtime.layer.LayerTarWriter.Meta;
import dev.berth.runtime.layer.PackedLayer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What one COPY or ADD writes, worked out before anything is written: the entries of the new layer
 * in order, whose {@link #digest()} (names, modes, owners, contents) goes into the cache key, and
 * which {@link #write} turns into a layer. Local tar archives given to ADD are extracted.
 */
final class CopyPlan {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  sealed interface Item {
    String name();
  }

  record Dir(String name, Meta meta) implements Item {}

  record File(String name, Path source, Meta meta) implements Item {}

  record Link(String name, String target, Meta meta) implements Item {}

  /** A local tar archive extracted into directory {@code name}; owner from {@code chown}. */
  record Archive(String name, Path source, Integer uid, Integer gid) implements Item {}

  /** The options of one COPY/ADD after expansion. */
  record Options(
      List<String> sources, String dest, Integer uid, Integer gid, Integer chmod, boolean add) {}

  private final Map<String, Item> items = new LinkedHashMap<>();

  private CopyPlan() {}

  /**
   * Plans copying {@code options.sources} from {@code from} to {@code options.dest} (absolute) in
   * the stage whose files are at {@code stage}; fails with a message for the user.
   */
  static CopyPlan make(CopySource from, Options options, Path stage) throws CopyException {
    CopyPlan plan = new CopyPlan();
    try {
      plan.fill(from, options, stage);
    } catch (IOException e) {
      throw new CopyException(e.getMessage());
    }
    return plan;
  }

  /** A user-facing reason a COPY cannot be done. */
  static final class CopyException extends Exception {
    CopyException(String message) {
      super(message);
    }
  }

  List<Item> items() {
    return List.copyOf(items.values());
  }

  private void fill(CopySource from, Options o, Path stage) throws IOException, CopyException {
    List<String> matches = new ArrayList<>();
    boolean wildcard = false;
    for (String source : o.sources()) {
      String clean = DockerIgnore.clean(source);
      if (PathGlob.hasWildcard(clean)) {
        wildcard = true;
        glob(from.root(), clean).stream()
            .filter(m -> !from.ignore().ignores(m))
            .forEach(matches::add);
      } else {
        String real = ScopedPath.resolve(from.root(), clean);
        if (!Files.exists(from.root().resolve(real), NOFOLLOW) || from.ignore().ignores(clean)) {
          throw new CopyException(
              "\""
                  + source
                  + "\": not found in "
                  + from.name()
                  + (from.name().equals("build context") ? " (or excluded by .dockerignore)" : ""));
        }
        matches.add(clean);
      }
    }
    if (matches.isEmpty()) {
      throw new CopyException("no source files were specified (no match in " + from.name() + ")");
    }
    String destText = o.dest();
    boolean destIsDirSyntax = destText.endsWith("/") || destText.endsWith("/.");
    String dest = ScopedPath.resolve(stage, destText);
    if ((matches.size() > 1 || wildcard) && !destIsDirSyntax && !isDir(stage, dest)) {
      if (matches.size() > 1) {
        throw new CopyException(
            "when copying more than one source file, the destination must be a directory and end"
                + " with a /");
      }
    }
    boolean destIsDir = destIsDirSyntax || matches.size() > 1 || isDir(stage, dest);
    for (String match : matches) {
      Path real = from.root().resolve(ScopedPath.resolve(from.root(), match));
      String base = match.contains("/") ? match.substring(match.lastIndexOf('/') + 1) : match;
      if (Files.isDirectory(real, NOFOLLOW)) {
        parents(stage, dest, o);
        if (!dest.isEmpty()) {
          put(new Dir(dest, meta(real, o)));
        }
        tree(real, match, dest, o, from.ignore());
      } else if (o.add() && isArchive(real)) {
        parents(stage, dest, o);
        if (!dest.isEmpty()) {
          put(new Dir(dest, new Meta(0755, 0, 0, Instant.EPOCH)));
        }
        items.put("archive:" + items.size(), new Archive(dest, real, o.uid(), o.gid()));
      } else {
        String name = destIsDir ? join(dest, base) : dest;
        if (name.isEmpty()) {
          throw new CopyException("cannot copy a file to /");
        }
        parents(stage, name, o);
        addFile(real, name, o);
      }
    }
  }

  private void tree(Path dir, String sourceName, String dest, Options o, DockerIgnore ignore)
      throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.skip(1).sorted().toList();
    }
    for (Path p : all) {
      String rel = dir.relativize(p).toString();
      if (ignore.ignores(join(sourceName, rel))) {
        continue;
      }
      String name = join(dest, rel);
      List<Path> missing = new ArrayList<>();
      for (Path parent = p.getParent(); !parent.equals(dir); parent = parent.getParent()) {
        if (!items.containsKey(join(dest, dir.relativize(parent).toString()))) {
          missing.add(0, parent); // a directory that .dockerignore left out holds this path
        }
      }
      for (Path parent : missing) {
        put(new Dir(join(dest, dir.relativize(parent).toString()), meta(parent, o)));
      }
      if (Files.isDirectory(p, NOFOLLOW)) {
        put(new Dir(name, meta(p, o)));
      } else {
        addFile(p, name, o);
      }
    }
  }

  private void addFile(Path p, String name, Options o) throws IOException {
    if (Files.isSymbolicLink(p)) {
      put(new Link(name, Files.readSymbolicLink(p).toString(), meta(p, o)));
    } else if (Files.isRegularFile(p, NOFOLLOW)) {
      put(new File(name, p, meta(p, o)));
    }
    // sockets, fifos and devices are not copied, as in Docker
  }

  /** The parent directories of {@code name}, with the stage's metadata when they exist there. */
  private void parents(Path stage, String name, Options o) throws IOException {
    String[] parts = name.split("/");
    String path = "";
    for (int i = 0; i < parts.length - 1; i++) {
      path = join(path, parts[i]);
      if (items.containsKey(path)) {
        continue;
      }
      Path existing = stage.resolve(path);
      if (Files.isDirectory(existing, NOFOLLOW)) {
        put(new Dir(path, meta(existing, null)));
      } else {
        // directories COPY creates belong to the --chown owner, as in Docker
        int uid = o.uid() == null ? 0 : o.uid();
        int gid = o.gid() == null ? 0 : o.gid();
        put(new Dir(path, new Meta(0755, uid, gid, Instant.EPOCH)));
      }
    }
  }

  private void put(Item item) {
    items.remove(item.name());
    items.put(item.name(), item);
  }

  private static Meta meta(Path p, Options o) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime", NOFOLLOW);
    int mode = (Integer) a.get("mode") & 07777;
    int uid = (Integer) a.get("uid");
    int gid = (Integer) a.get("gid");
    if (o != null) {
      uid = o.uid() == null ? 0 : o.uid();
      gid = o.gid() == null ? 0 : o.gid();
      if (o.chmod() != null && !Files.isSymbolicLink(p)) {
        mode = o.chmod();
      }
    }
    return new Meta(mode, uid, gid, ((FileTime) a.get("lastModifiedTime")).toInstant());
  }

  private static boolean isDir(Path stage, String rel) {
    return Files.isDirectory(stage.resolve(rel), NOFOLLOW);
  }

  private static List<String> glob(Path root, String pattern) throws IOException {
    List<String> found = new ArrayList<>(List.of(""));
    for (String part : pattern.split("/")) {
      List<String> next = new ArrayList<>();
      for (String base : found) {
        if (!PathGlob.hasWildcard(part)) {
          String candidate = join(base, part);
          if (Files.exists(root.resolve(candidate), NOFOLLOW)) {
            next.add(candidate);
          }
          continue;
        }
        Path dir = root.resolve(ScopedPath.resolve(root, base));
        if (!Files.isDirectory(dir)) {
          continue;
        }
        PathGlob glob = PathGlob.compile(part, false);
        try (Stream<Path> list = Files.list(dir)) {
          list.map(p -> p.getFileName().toString())
              .filter(glob::matches)
              .sorted()
              .forEach(n -> next.add(join(base, n)));
        }
      }
      found = next;
    }
    return found;
  }

  static boolean isArchive(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(262);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return true;
    }
    if (head.length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return true;
    }
    return head.length >= 262
        && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
  }

  /** The digest of everything this plan writes, contents included, for the cache key. */
  String digest() throws IOException {
    MessageDigest all = Digest.newSha256();
    for (Item item : items.values()) {
      String line;
      if (item instanceof Dir d) {
        line = "D " + d.name() + " " + metaKey(d.meta());
      } else if (item instanceof File f) {
        line = "F " + f.name() + " " + metaKey(f.meta()) + " " + contentHash(f.source());
      } else if (item instanceof Link l) {
        line = "L " + l.name() + " " + metaKey(l.meta()) + " " + l.target();
      } else {
        Archive a = (Archive) item;
        line = "A " + a.name() + " " + a.uid() + ":" + a.gid() + " " + contentHash(a.source());
      }
      all.update(line.getBytes(StandardCharsets.UTF_8));
      all.update((byte) '\n');
    }
    return Digest.fromHash("sha256", all.digest()).toString();
  }

  private static String metaKey(Meta m) {
    return Integer.toOctalString(m.mode()) + " " + m.uid() + ":" + m.gid();
  }

  private static String contentHash(Path file) throws IOException {
    MessageDigest md = Digest.newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Writes the layer into {@code file}. */
  PackedLayer write(Path file) throws IOException, CopyException {
    try (LayerTarWriter out = new LayerTarWriter(file)) {
      Set<String> written = new HashSet<>();
      for (Item item : items.values()) {
        if (item instanceof Dir d) {
          out.directory(d.name(), d.meta());
        } else if (item instanceof File f) {
          out.file(f.name(), f.source(), f.meta());
        } else if (item instanceof Link l) {
          out.symlink(l.name(), l.target(), l.meta());
        } else {
          extract((Archive) item, out, written);
        }
        written.add(item.name());
      }
      return out.finish();
    }
  }

  private static void extract(Archive a, LayerTarWriter out, Set<String> written)
      throws IOException, CopyException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(a.source()));
        TarArchiveInputStream tar = new TarArchiveInputStream(Decompression.decompress(raw))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        String rel = safe(e.getName(), a.source());
        if (rel.isEmpty()) {
          continue;
        }
        String name = join(a.name(), rel);
        String[] parts = name.split("/");
        String parent = "";
        for (int i = 0; i < parts.length - 1; i++) {
          parent = join(parent, parts[i]);
          if (written.add(parent)) {
            out.directory(parent, new Meta(0755, 0, 0, Instant.EPOCH));
          }
        }
        Meta meta =
            new Meta(
                e.getMode() & 07777,
                a.uid() != null ? a.uid() : (int) e.getLongUserId(),
                a.gid() != null ? a.gid() : (int) e.getLongGroupId(),
                e.getModTime().toInstant());
        if (e.isDirectory()) {
          out.directory(name, meta);
        } else if (e.isSymbolicLink()) {
          out.symlink(name, e.getLinkName(), meta);
        } else if (e.isLink()) {
          out.hardlink(name, join(a.name(), safe(e.getLinkName(), a.source())), meta);
        } else if (e.isFile()) {
          out.file(name, tar, e.getSize(), meta);
        }
        written.add(name);
      }
    }
  }

  /** An archive member's name made relative; {@code ..} that would climb out is refused. */
  private static String safe(String name, Path archive) throws CopyException {
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new CopyException(
              "archive "
                  + archive.getFileName()
                  + ": entry \""
                  + name
                  + "\" escapes its directory");
        }
        parts.remove(parts.size() - 1);
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  static String join(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : a + "/" + b;
  }
}
