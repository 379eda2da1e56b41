package dev.berth.runtime.network.netns;

import java.nio.file.Path;

/** A network namespace berth made: its id (usually the container's) and its bind-mounted file. */
public record Netns(String id, Path file) {}
