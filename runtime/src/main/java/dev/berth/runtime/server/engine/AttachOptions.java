package dev.berth.runtime.server.engine;

/** Which streams an attach wants, and whether it wants past output ({@code logs}) too. */
public record AttachOptions(
    boolean stdin, boolean stdout, boolean stderr, boolean stream, boolean logs) {}
