package dev.berth.runtime.api;

/** What went wrong, independent of where; decides the CLI's exit code and the API's status. */
public enum ErrorKind {
  /** The request or input is malformed or violates a rule. */
  INVALID_ARGUMENT(1),
  /** The command line itself is wrong (unknown flag, missing argument). */
  USAGE(2),
  /** The named object does not exist. */
  NOT_FOUND(1),
  /** The object exists already or is in a state that forbids the request. */
  CONFLICT(1),
  /** The caller may not do this (missing privilege, denied by the kernel). */
  PERMISSION_DENIED(1),
  /** berth or this host does not support what was asked, yet or at all. */
  UNSUPPORTED(1),
  /** Something berth depends on (a registry, the engine, a host tool) did not answer. */
  UNAVAILABLE(1),
  /** A bug in berth: an invariant did not hold. */
  INTERNAL(1);

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code a CLI reports for an error of this kind: 2 for usage, else 1. */
  public int exitCode() {
    return exitCode;
  }
}
