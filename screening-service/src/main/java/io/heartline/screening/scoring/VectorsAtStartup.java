package io.heartline.screening.scoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.instrument.InvalidDefinitionException;
import io.quarkus.runtime.StartupEvent;

/** Runs every definition's test vectors at startup: a service never scores with a definition that fails them. */
@ApplicationScoped
class VectorsAtStartup {

    void check(@Observes StartupEvent start, InstrumentCatalogue catalogue) {
        List<String> failures = catalogue.all().stream().flatMap(i -> VectorRunner.run(i).stream())
                .filter(o -> !o.passed()).map(o -> o.instrument() + " / " + o.vector() + ": " + o.failure()).toList();
        if (!failures.isEmpty()) {
            throw new InvalidDefinitionException("test vectors", failures);
        }
    }
}
