package dev.berth.runtime.container;

/** The outcome of an exec: exit code and the captured output. */
public record ExecResult(int exitCode, String stdout, String stderr) {}
