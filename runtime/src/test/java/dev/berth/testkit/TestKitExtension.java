package dev.berth.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the per-JVM shared {@link RegistryFixture}, {@link StandardImages} (pushed to it) and
 * {@link DockerdFixture} into test constructors and methods.
 *
 * <pre>{@code
 * @ExtendWith(TestKitExtension.class)
 * class PullTest {
 *   @Test void pull_busybox(RegistryFixture registry, StandardImages images) { ... }
 * }
 * }</pre>
 */
public final class TestKitExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RegistryFixture.class
        || type == StandardImages.class
        || type == DockerdFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == RegistryFixture.class) {
      return RegistryFixture.shared();
    }
    if (type == StandardImages.class) {
      return TestImages.pushStandard(RegistryFixture.shared());
    }
    return DockerdFixture.shared();
  }
}
