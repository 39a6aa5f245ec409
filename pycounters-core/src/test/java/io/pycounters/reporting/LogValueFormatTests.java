package io.pycounters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LogReporter#formatValue(Object)}: the numbers people read in the log. */
class LogValueFormatTests {

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "0.0033333333333,   0.003333",
        "0.12,              0.1200",
        "1.5,               1.500",
        "0.6666666666666666, 0.6667",
        "42,                42.00",
        "123.456,           123.46",
        "1234.5678,         1234.57",
        "12345,             12345.00",
        "0,                 0.000",
        "-0.0,              0.000",
        "-0.25,             -0.2500",
        "0.0005,            0.0005000",
        "0.00012345,        0.0001235",
        "1.0E-7,            0.0000001000",
        "9.9996,            10.000",
        "1.0E20,            100000000000000000000.00",
    })
    void roundsDoublesToAtLeastFourSignificantDigitsInPlainDecimal(double value, String expected) {
        assertThat(LogReporter.formatValue(value)).isEqualTo(expected);
    }

    @Test
    void neverWritesAnExponentAndKeepsAtLeastFourSignificantDigits() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            double value = (random.nextBoolean() ? 1 : -1) * random.nextDouble() * Math.pow(10, random.nextInt(-12, 16));
            String written = LogReporter.formatValue(value);

            assertThat(written).as("%s", value).doesNotContainIgnoringCase("e").contains(".");
            BigDecimal read = new BigDecimal(written);
            // Trailing zeros count: "0.04980" shows four significant digits.
            assertThat(read.precision()).as("%s written %s", value, written).isGreaterThanOrEqualTo(4);
            assertThat(read.doubleValue()).as("%s written %s", value, written)
                    .isCloseTo(value, within(Math.abs(value) * 5e-4));
        }
    }

    @Test
    void writesADashForNoValue() {
        assertThat(LogReporter.formatValue(null)).isEqualTo("-");
    }

    @Test
    void writesNotANumberAndInfinitiesByName() {
        assertThat(LogReporter.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(LogReporter.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(LogReporter.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void writesWholeNumbersOfCustomValuesExactlyByTheirToString() {
        assertThat(LogReporter.formatValue(42L)).isEqualTo("42");
        assertThat(LogReporter.formatValue(7)).isEqualTo("7");
        assertThat(LogReporter.formatValue(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void writesMapsAsBracedPairsInKeyOrderWithEachValueByTheSameRules() {
        Map<String, Object> unordered = new LinkedHashMap<>();
        unordered.put("update", 0.03);
        unordered.put("select", 0.12);
        unordered.put("none", null);
        unordered.put("nested", new TreeMap<>(Map.of("b", 2.0, "a", 1.0)));

        assertThat(LogReporter.formatValue(unordered))
                .isEqualTo("{nested={a=1.000, b=2.000}, none=-, select=0.1200, update=0.03000}");
        assertThat(LogReporter.formatValue(Map.of())).isEqualTo("{}");
    }
}
