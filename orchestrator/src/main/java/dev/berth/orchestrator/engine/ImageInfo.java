package dev.berth.orchestrator.engine;

/** An image the engine holds: id, size in bytes, creation time as the engine wrote it. */
public record ImageInfo(String id, long size, String created) {}
