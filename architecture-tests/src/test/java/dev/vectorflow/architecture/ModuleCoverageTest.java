package dev.vectorflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Every module's package root holds production classes, so no rule about it is checked against nothing. */
class ModuleCoverageTest {

    @Test
    void everyModuleRootHasProductionClasses() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.vectorflow");
        for (String root : ArchitectureRules.MODULE_ROOTS) {
            String prefix = root.substring(0, root.length() - 2);
            assertThat(production.stream().filter(c -> c.getPackageName().startsWith(prefix)).count())
                    .as("production classes under %s", prefix)
                    .isPositive();
        }
    }
}
