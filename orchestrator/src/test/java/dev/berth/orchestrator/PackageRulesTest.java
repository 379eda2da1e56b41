package dev.berth.orchestrator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Libraries stay in the package that owns them, and packages do not form cycles. */
class PackageRulesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.berth.orchestrator");

  @Test
  void snakeyaml_isOnlyUsedByTheYamlPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.berth.orchestrator.loader.yaml..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.snakeyaml..")
        .check(CLASSES);
  }

  @Test
  void jgrapht_isOnlyUsedByTheGraphPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.berth.orchestrator.graph..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jgrapht..")
        .check(CLASSES);
  }

  @Test
  void jacksonAndTheSchemaLibrary_stayInRenderAndSchema() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.berth.orchestrator.loader.render..", "dev.berth.orchestrator.loader.schema..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..", "com.networknt..")
        .check(CLASSES);
  }

  @Test
  void model_dependsOnlyOnTheJdk() {
    noClasses()
        .that()
        .resideInAPackage("dev.berth.orchestrator.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.berth.orchestrator.loader..",
            "dev.berth.orchestrator.cli..",
            "dev.berth.orchestrator.graph..")
        .check(CLASSES);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("dev.berth.orchestrator.(**)").should().beFreeOfCycles().check(CLASSES);
  }
}
