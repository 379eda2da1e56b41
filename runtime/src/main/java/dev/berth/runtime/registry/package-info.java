/**
 * An OCI distribution client: manifests, blobs, bearer/basic auth, mirrors and plain HTTP for
 * loopback or insecure registries. Uses {@code image} and {@code content}; JSON via Jackson here.
 */
package dev.berth.runtime.registry;
