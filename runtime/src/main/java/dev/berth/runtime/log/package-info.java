/**
 * Container logs: conmon's k8s-file format (a timestamp, a stream and a full/partial tag per line),
 * rotation by size without losing lines, and reading with tail, since, until and follow. Depends
 * only on {@code api}.
 */
package dev.berth.runtime.log;
