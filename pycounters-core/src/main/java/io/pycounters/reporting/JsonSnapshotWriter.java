package io.pycounters.reporting;

import io.pycounters.CounterSnapshot;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
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
    static final String NODE_REPORTS = "__node_reports__";

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
            writeValues(json, snapshot);
            if (!snapshot.nodeReports().isEmpty()) {
                // Several processes reported together: each one's own values, by node id.
                json.writeName(NODE_REPORTS);
                json.writeStartObject();
                for (Map.Entry<String, CounterSnapshot> node : snapshot.nodeReports().entrySet()) {
                    json.writeName(node.getKey());
                    json.writeStartObject();
                    writeValues(json, node.getValue());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            // A final newline, so that `cat` and line-based tools show the file nicely.
            json.writeRaw('\n');
        }
    }

    private static void writeValues(JsonGenerator json, CounterSnapshot snapshot) {
        for (Map.Entry<String, @Nullable Object> counter : snapshot.values().entrySet()) {
            // A counter may not shadow the collection time or the node reports: a JSON object with
            // a key twice is read differently by different parsers.
            String name = counter.getKey();
            if (!name.equals(COLLECTION_TIME) && !name.equals(NODE_REPORTS)) {
                json.writeName(name);
                writeValue(json, counter.getValue());
            }
        }
    }

    /** Epoch seconds with milliseconds as the fraction: 1767225600.123. */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    // A snapshot's values are what MergeableValue, a sealed type, reads: a Double, null, or a map
    // of key to Double sorted by key (the keyed counters).
    private static void writeValue(JsonGenerator json, @Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName(String.valueOf(entry.getKey()));
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Double number && Double.isFinite(number)) {
            json.writeNumber(number.doubleValue());
        } else {
            // No value; or NaN and infinities, which JSON lacks: null is what every parser reads.
            json.writeNull();
        }
    }
}
