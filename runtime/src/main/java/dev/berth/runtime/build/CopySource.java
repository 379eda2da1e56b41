package dev.berth.runtime.build;

import java.nio.file.Path;

/**
 * Where a COPY reads from: a directory standing for {@code /} (the context, with {@code
 * .dockerignore}d files already removed; another stage's or an image's files; a named context), and
 * its name for messages.
 */
record CopySource(String name, Path root, DockerIgnore ignore) {
  CopySource(String name, Path root) {
    this(name, root, DockerIgnore.NONE);
  }
}
