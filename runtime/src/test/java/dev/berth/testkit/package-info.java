/**
 * berth's test kit: a loopback registry, reproducible busybox test images, a Docker daemon fixture
 * and a check for host objects berth left behind.
 *
 * <p>Owns only what its tests start or create and may use the JDK, JUnit, Jackson and
 * commons-compress; shipped as the runtime module's test-jar so every module's tests share it.
 */
package dev.berth.testkit;
