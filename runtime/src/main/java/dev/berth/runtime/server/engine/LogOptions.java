package dev.berth.runtime.server.engine;

import java.time.Instant;
import java.util.Optional;

/** The query of {@code GET /containers/{id}/logs}: streams, follow, tail, since, until. */
public record LogOptions(
    boolean stdout,
    boolean stderr,
    boolean follow,
    int tail,
    Optional<Instant> since,
    Optional<Instant> until,
    boolean timestamps) {}
