/**
 * The HTTP layer of berthd: Jetty on a unix socket, API-version prefixes, routing by method and
 * path, Docker's headers and error shape. Knows nothing of containers; uses only {@code api}.
 */
package dev.berth.runtime.server.http;
