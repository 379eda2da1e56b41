/**
 * Layer tarballs turned into overlayfs lower directories, once per layer, refusing entries that
 * would write outside them. Uses {@code image} and {@code content}; special files via {@link
 * dev.berth.runtime.layer.SpecialFiles}, implemented with the {@code linux} facade.
 */
package dev.berth.runtime.layer;
