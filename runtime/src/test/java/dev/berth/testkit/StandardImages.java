package dev.berth.testkit;

/** The kit's standard images as pushed to one registry. */
public record StandardImages(PushedImage busybox, PushedImage layered) {}
