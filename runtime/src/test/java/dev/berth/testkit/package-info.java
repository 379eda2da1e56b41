/**
 * berth's test kit: a loopback registry, reproducible busybox test images, a Docker daemon fixture
 * and a check for host objects berth left behind; owns only what its tests start or create, uses
 * the JDK, JUnit, Jackson and commons-compress, and ships as the runtime test-jar.
 *
 * <pre>{@code
 * RegistryFixture registry = RegistryFixture.shared();           // docker-registry on 127.0.0.1
 * StandardImages images = TestImages.pushStandard(registry);     // busybox:latest, layered:latest
 * DockerdFixture docker = DockerdFixture.shared();               // the reference engine
 * HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
 * ... run berth ...
 * HostLeakCheck.assertNothingLeakedSince(before);
 * }</pre>
 *
 * <p>{@link dev.berth.testkit.TestKitExtension} injects the shared fixtures as test parameters.
 */
package dev.berth.testkit;
