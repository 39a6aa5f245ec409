package io.pycounters.reporting;

import io.pycounters.CounterSnapshot;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a snapshot as the JSON object of {@link JsonFileReporter}, with Jackson's streaming
 * generator. Kept apart from {@code JsonFileReporter} so that only this class needs jackson-core,
 * an optional dependency: the reporter can then fail with a clear message when it is missing.
 */
final class JsonSnapshotWriter {

    static final String COLLECTION_TIME = "__collection_time__";

    // Thread-safe and costly to build: one for the whole process. The stream is closed by the
    // caller, which owns the file and must close it before moving it.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private JsonSnapshotWriter() {
    }

    static void write(CounterSnapshot snapshot, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeName(COLLECTION_TIME);
            json.writeNumber(epochSeconds(snapshot.collectedAt()));
            for (Map.Entry<String, @Nullable Object> counter : snapshot.values().entrySet()) {
                // A counter may not shadow the collection time: a JSON object with a key twice is
                // read differently by different parsers.
                if (!counter.getKey().equals(COLLECTION_TIME)) {
                    json.writeName(counter.getKey());
                    writeValue(json, counter.getValue());
                }
            }
            json.writeEndObject();
            // A final newline, so that `cat` and line-based tools show the file nicely.
            json.writeRaw('\n');
        }
    }

    /** Epoch seconds with milliseconds as the fraction: 1767225600.123. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static void writeValue(JsonGenerator json, @Nullable Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // JSON has no NaN or infinity; null ("no value") is what every parser reads.
            if (Double.isFinite(number)) {
                json.writeNumber(number);
            } else {
                json.writeNull();
            }
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            json.writeNumber(integer);
        } else if (value instanceof Number number) {
            writeValue(json, number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> sorted = new TreeMap<>();
            map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
            json.writeStartObject();
            for (Map.Entry<String, @Nullable Object> entry : sorted.entrySet()) {
                json.writeName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }
}
