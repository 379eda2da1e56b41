/**
 * Which engine berth drives and how berthd is started, found and stopped from the CLI: a process
 * spawn and the Docker API. May use {@code dev.berth.runtime.api} and nothing else of the runtime.
 */
package dev.berth.orchestrator.engine;
