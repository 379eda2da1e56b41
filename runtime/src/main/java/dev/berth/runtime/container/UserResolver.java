package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code user} ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}) and {@code
 * group_add} through the rootfs's {@code /etc/passwd} and {@code /etc/group}, as Docker does: a
 * numeric uid absent from passwd runs with gid 0; a name absent from it is an error; supplementary
 * groups are those listing the user by name.
 */
public final class UserResolver {
  private final List<String[]> passwd;
  private final List<String[]> group;

  private UserResolver(List<String[]> passwd, List<String[]> group) {
    this.passwd = passwd;
    this.group = group;
  }

  /**
   * Reads {@code etc/passwd} and {@code etc/group} under {@code rootfs}; missing files are empty.
   */
  public static UserResolver forRootfs(Path rootfs) throws EngineException {
    return new UserResolver(
        read(inside(rootfs, "etc/passwd"), 7), read(inside(rootfs, "etc/group"), 4));
  }

  /** Resolves {@code user} (empty means root) plus {@code groupAdd}. */
  public ResolvedUser resolve(String user, List<String> groupAdd) throws EngineException {
    String spec = user == null || user.isEmpty() ? "0" : user;
    String userPart = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
    String groupPart = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : null;
    Optional<String[]> entry = findUser(userPart);
    int uid;
    int gid;
    String name;
    String home;
    if (entry.isPresent()) {
      uid = Integer.parseInt(entry.get()[2]);
      gid = Integer.parseInt(entry.get()[3]);
      name = entry.get()[0];
      home = entry.get()[5];
    } else if (isNumber(userPart)) {
      uid = Integer.parseInt(userPart);
      gid = 0;
      name = null;
      home = "/";
    } else {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "unable to find user " + userPart + ": no matching entries in passwd file");
    }
    if (groupPart != null && !groupPart.isEmpty()) {
      gid = groupId(groupPart);
    }
    Set<Integer> additional = new LinkedHashSet<>();
    if (name != null && groupPart == null) {
      for (String[] g : group) {
        if (List.of(g[3].split(",")).contains(name)) {
          additional.add(Integer.parseInt(g[2]));
        }
      }
    }
    for (String g : groupAdd) {
      additional.add(groupId(g));
    }
    return new ResolvedUser(uid, gid, new ArrayList<>(additional), home);
  }

  private Optional<String[]> findUser(String nameOrUid) {
    for (String[] p : passwd) {
      if (p[0].equals(nameOrUid)) {
        return Optional.of(p);
      }
    }
    if (isNumber(nameOrUid)) {
      for (String[] p : passwd) {
        if (p[2].equals(nameOrUid)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private int groupId(String nameOrGid) throws EngineException {
    for (String[] g : group) {
      if (g[0].equals(nameOrGid)) {
        return Integer.parseInt(g[2]);
      }
    }
    if (isNumber(nameOrGid)) {
      return Integer.parseInt(nameOrGid);
    }
    throw new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "unable to find group " + nameOrGid + ": no matching entries in group file");
  }

  /** The file, unless a symlink on the way leads out of the rootfs (then a path that is absent). */
  private static Path inside(Path rootfs, String relative) throws EngineException {
    Path file = rootfs.resolve(relative);
    try {
      if (Files.exists(file) && !file.toRealPath().startsWith(rootfs.toRealPath())) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "/" + relative + " in the image points outside its rootfs");
      }
      return file;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static List<String[]> read(Path file, int fields) throws EngineException {
    List<String[]> entries = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(":", -1);
        if (parts.length >= fields - 1 && isNumber(parts[2])) {
          String[] padded = java.util.Arrays.copyOf(parts, fields);
          for (int i = 0; i < fields; i++) {
            padded[i] = padded[i] == null ? "" : padded[i];
          }
          if (fields == 7 && !isNumber(padded[3])) {
            continue;
          }
          entries.add(padded);
        }
      }
      return entries;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading " + file + ": " + e.getMessage(), e);
    }
  }
}
