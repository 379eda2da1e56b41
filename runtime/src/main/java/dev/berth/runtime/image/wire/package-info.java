/**
 * JSON shapes of OCI/Docker manifests, indexes and configs ({@code *Template} classes), and the
 * codec translating them into {@code image} records. Only this package sees Jackson types.
 */
package dev.berth.runtime.image.wire;
