/**
 * Docker's connection hijack: after a {@code 101 UPGRADED} the HTTP connection becomes a raw
 * two-way stream. Owns the upgraded Jetty connection and stdout/stderr framing; uses {@code http}.
 */
package dev.berth.runtime.server.hijack;
