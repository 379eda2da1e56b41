/**
 * berthd: the engine as a daemon serving the Docker Engine API on a unix socket. May use every
 * other runtime package; nothing in the runtime depends on it.
 */
package dev.berth.runtime.server;
