package dev.berth.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md and STYLE.md that span both modules, checked on their main
 * code (the JNA boundary is checked in the runtime by {@code FacadeBoundaryTest}).
 */
class ArchitectureTest {

  private static JavaClasses berth;

  @BeforeAll
  static void importMainClasses() {
    berth =
        new ClassFileImporter()
            .withImportOption(
                location ->
                    !location.contains("/test-classes/") && !location.contains("-tests.jar"))
            .importPackages("dev.berth");
  }

  @Test
  void import_seesBothModulesMainCode() {
    // Guards the rules below against passing on an empty import.
    assertThat(berth.containPackage("dev.berth.runtime.api")).isTrue();
    assertThat(berth.containPackage("dev.berth.orchestrator.cli")).isTrue();
    assertThat(berth.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.contains("testkit"));
  }

  @Test
  void orchestrator_usesOnlyTheRuntimeApi() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.orchestrator..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.berth.runtime..")
                .and(resideOutsideOfPackage("dev.berth.runtime.api..")))
        .check(berth);
  }

  @Test
  void runtimeApi_dependsOnNoOtherBerthPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.runtime.api..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.berth..").and(resideOutsideOfPackage("dev.berth.runtime.api..")))
        .check(berth);
  }

  @Test
  void onlyEntryPoints_writeToSystemOutOrErr() {
    noClasses()
        .that()
        .doNotHaveSimpleName("BerthMain")
        .and()
        .doNotHaveSimpleName("BerthdMain")
        .and()
        .doNotHaveSimpleName("CdsTraining") // the launcher's training run, -Dberth.cds.verbose
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .orShould()
        .callMethod(Throwable.class, "printStackTrace")
        .check(berth);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("dev.berth.(**)").should().beFreeOfCycles().check(berth);
  }
}
