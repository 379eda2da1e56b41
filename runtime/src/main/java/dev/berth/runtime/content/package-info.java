/**
 * The content-addressed blob store under the engine root: blobs are written to a private ingest
 * file, verified against their digest and size, then renamed into place. Uses {@code image}.
 */
package dev.berth.runtime.content;
