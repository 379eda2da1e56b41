/**
 * berthd's real container service: Docker's container model (create requests, names, networks,
 * ports, attach, wait, auto-remove) over {@code container.Containers}, {@code image.store} and
 * {@code network.NetworkDriver}. Used by {@code server}; uses {@code server.engine} and the engine
 * packages, never the HTTP layer.
 */
package dev.berth.runtime.server.service;
