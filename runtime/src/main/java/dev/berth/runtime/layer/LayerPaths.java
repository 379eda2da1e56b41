package dev.berth.runtime.layer;

/** Tar entry names made relative and checked: no {@code ..}, no absolute paths, no NULs. */
final class LayerPaths {
  private LayerPaths() {}

  /** {@code ./a//b/} becomes {@code a/b}; the root is the empty string. */
  static String normalize(String entryName, String what) throws HostileLayerException {
    if (entryName.startsWith("/")) {
      throw new HostileLayerException(what + ": entry \"" + entryName + "\" is an absolute path");
    }
    StringBuilder out = new StringBuilder();
    for (String part : entryName.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      checkBase(part, entryName, what);
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  static void checkBase(String part, String entryName, String what) throws HostileLayerException {
    if (part.equals("..") || part.equals(".") || part.isEmpty()) {
      throw new HostileLayerException(
          what + ": entry \"" + entryName + "\" escapes the layer directory with \"..\"");
    }
    if (part.indexOf('\0') >= 0 || part.indexOf('/') >= 0) {
      throw new HostileLayerException(
          what + ": entry \"" + entryName + "\" has a NUL or slash in a name");
    }
  }

  static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  static String base(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  static String child(String parent, String base) {
    return parent.isEmpty() ? base : parent + "/" + base;
  }
}
