/**
 * The Docker API endpoint groups of berthd, one class each: system, events, containers, and the
 * answer for what is not implemented yet. Uses {@code http}, {@code hijack}, {@code engine}.
 */
package dev.berth.runtime.server.endpoints;
