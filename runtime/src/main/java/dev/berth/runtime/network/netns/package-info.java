/**
 * Network namespaces the engine creates for containers: a file per namespace under one root, made
 * and removed through the linux facade.
 */
package dev.berth.runtime.network.netns;
