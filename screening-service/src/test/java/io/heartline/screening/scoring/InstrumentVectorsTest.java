package io.heartline.screening.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentDefinition.TestVector;
import io.heartline.screening.support.Definitions;

/** Every test vector of every definition (shipped and test-only): one that fails fails the build. */
class InstrumentVectorsTest {

    static Stream<Arguments> vectors() {
        return Definitions.all().stream()
                .flatMap(i -> i.definition().testVectors().stream().map(v -> Arguments.of(i, v)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("vectors")
    void vectorGivesItsExpectedResult(Instrument instrument, TestVector vector) {
        VectorRunner.Outcome outcome = VectorRunner.run(instrument, vector);
        assertTrue(outcome.passed(), () -> instrument + " / " + vector.name() + ": " + outcome.failure());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.heartline.screening.scoring.InstrumentVectorsTest#instruments")
    void everyInstrumentHasVectors(Instrument instrument) {
        assertTrue(instrument.definition().testVectors().size() >= 1);
        assertEquals(instrument.definition().testVectors().size(),
                instrument.definition().testVectors().stream().map(TestVector::name).distinct().count(),
                "vector names must be unique");
    }

    static Stream<Instrument> instruments() {
        return Definitions.all().stream();
    }
}
