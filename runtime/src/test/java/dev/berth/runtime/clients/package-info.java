/**
 * Real clients berth did not write (the docker CLI, docker-compose v1, Testcontainers) running the
 * same scenarios against Debian's dockerd and against a berthd the test starts; both must give the
 * results each scenario expects. {@link dev.berth.runtime.clients.ClientEngines} picks the engines.
 */
package dev.berth.runtime.clients;
