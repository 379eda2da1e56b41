/**
 * The Docker API endpoint groups of berthd, one class each: system, events, containers, exec,
 * archive ({@code cp}), top, stats, pause, and the answer for what is not implemented yet. Uses
 * {@code http}, {@code hijack}, {@code engine}, and {@code container} for the operations on running
 * containers.
 */
package dev.berth.runtime.server.endpoints;
