package dev.berth.runtime.linux;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps JNA inside this package and out of its public signatures. */
class FacadeBoundaryTest {
  private static final JavaClasses RUNTIME =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.berth.runtime");

  @Test
  void jna_isUsedOnlyByTheLinuxFacadeAndNetlink() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.berth.runtime.linux..", "dev.berth.runtime.network.netlink..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.sun.jna..")
        .check(RUNTIME);
  }

  @Test
  void publicSignaturesOfTheFacade_mentionNoJnaType() {
    List<String> leaks = new ArrayList<>();
    RUNTIME.stream()
        .filter(c -> c.getPackageName().equals("dev.berth.runtime.linux"))
        .map(c -> c.reflect())
        .filter(c -> Modifier.isPublic(c.getModifiers()))
        .forEach(
            c -> {
              for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())
                    && Stream.concat(
                            Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes()))
                        .anyMatch(t -> t.getName().startsWith("com.sun.jna"))) {
                  leaks.add(c.getSimpleName() + "." + m.getName());
                }
              }
            });

    assertThat(leaks).isEmpty();
  }
}
