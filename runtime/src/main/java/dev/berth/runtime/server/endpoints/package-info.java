/**
 * The Docker API endpoint groups of berthd, one class each: system, events, containers, exec,
 * archive ({@code cp}), top, stats, pause, images, networks, volumes, build, and the answer for
 * what is not implemented yet. Uses {@code http}, {@code hijack}, {@code engine}, {@code container}
 * for the operations on running containers, {@code build}, and the engine parts the resource
 * endpoints serve: {@code image.store}, {@code registry}, {@code network}, {@code volume}.
 */
package dev.berth.runtime.server.endpoints;
