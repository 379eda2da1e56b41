/**
 * The Docker API endpoint groups of berthd, one class each: system, events, containers, images,
 * networks, volumes, and the answer for what is not implemented yet. Uses {@code http}, {@code
 * hijack}, {@code engine}, and the engine parts the resource endpoints serve: {@code image.store},
 * {@code registry}, {@code network}, {@code volume}.
 */
package dev.berth.runtime.server.endpoints;
