package dev.berth.orchestrator.engine;

/** One chunk of a container's output; {@code stderr} tells the stream apart. */
public record LogLine(boolean stderr, String text) {}
