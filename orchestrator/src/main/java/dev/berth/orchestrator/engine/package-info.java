/**
 * What compose needs from a container engine, as domain records and one interface ({@link
 * dev.berth.orchestrator.engine.Engine}), and its implementation over the Docker Engine API ({@link
 * dev.berth.orchestrator.engine.DockerApiEngine}). Uses only {@code dev.berth.runtime.api}.
 */
package dev.berth.orchestrator.engine;
