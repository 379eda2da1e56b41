package dev.berth.runtime.oci;

import java.util.List;

/** One invocation of an OCI runtime's command line, e.g. {@code crun start berth-3f2a}. */
public interface RuntimeCall {

  /** The subcommand, e.g. {@code start}. */
  String verb();

  /** The container the call is about. */
  String containerId();

  /** The arguments after the global flags, starting with {@link #verb()}. */
  List<String> args();

  /** Whether a non-zero exit is the call's answer rather than a failure (exec). */
  default boolean exitCodeIsResult() {
    return false;
  }

  /** How the call reads in an error message, e.g. {@code crun start berth-3f2a}. */
  default String describe(String runtimeName) {
    return runtimeName + " " + verb() + " " + containerId();
  }
}
