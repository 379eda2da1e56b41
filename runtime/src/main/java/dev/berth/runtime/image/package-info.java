/**
 * Image values shared by the registry client, the content store and the layer unpacker: references,
 * digests, descriptors, platforms, manifests and configs. Depends only on {@code api}.
 */
package dev.berth.runtime.image;
