/**
 * What compose needs from a container engine, as domain records and one interface ({@link
 * dev.berth.orchestrator.engine.Engine}), its implementation over the Docker Engine API ({@link
 * dev.berth.orchestrator.engine.DockerApiEngine}), and how berthd is started, found and stopped
 * from the CLI (a process spawn). Uses only {@code dev.berth.runtime.api} of the runtime.
 */
package dev.berth.orchestrator.engine;
