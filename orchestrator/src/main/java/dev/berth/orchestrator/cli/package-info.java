/**
 * The {@code berth} command line: picocli commands, global flags, and how errors reach the user.
 * May use every orchestrator package and, from the runtime, only {@code dev.berth.runtime.api}.
 */
package dev.berth.orchestrator.cli;
