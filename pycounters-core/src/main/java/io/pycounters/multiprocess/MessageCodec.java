package io.pycounters.multiprocess;

import io.pycounters.counters.MergeableValue;
import io.pycounters.internal.EventNames;
import io.pycounters.internal.SortedPairs;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes and reads {@link Message}s as JSON with Jackson's streaming API: no Java serialization, no
 * reflection, and only the shapes the wire format documents. Anything else in a frame is a
 * {@link ProtocolException}; no other exception leaves {@link #decode}.
 */
final class MessageCodec {

    // 2: every frame after the handshake sealed (FrameSeal); 1 had MACs in the handshake only.
    static final int PROTOCOL = 2;

    /** Most percentiles a percentile counter may report. */
    static final int MAX_PERCENTILES = 100;

    /** Longest node id, nonce or MAC; longer strings are refused. */
    static final int MAX_TOKEN_LENGTH = 200;

    // No canonical names: a frame's 10,000 counter names are each read once, and a symbol table of
    // them would cost more than it saves. Duplicates are refused by the decoder itself (the
    // counters must be in strictly ascending order, which is also how they are written).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
            // A peer's bytes never reach the log through a parser's message.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4)
                    .maxNumberLength(40)
                    .maxStringLength(1000)
                    .maxNameLength(EventNames.MAX_LENGTH * 4)
                    .build())
            .build();

    private MessageCodec() {
    }

    /** The JSON of {@code message}; {@link ByteArrayOutputStream#size()} is its length. */
    static ByteArrayOutputStream encode(Message message) {
        // About 48 bytes a counter: sized once, a frame of 10,000 counters is not copied as it grows.
        int size = message instanceof Message.Values values ? 64 + 56 * values.counters().size() : 128;
        ByteArrayOutputStream out = new Connection.ExposedBuffer(size);
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            if (message instanceof Message.Hello hello) {
                json.writeStringProperty("type", "hello");
                json.writeNumberProperty("protocol", hello.protocol());
                json.writeStringProperty("leader", hello.leader());
                json.writeStringProperty("nonce", hello.nonce());
                if (hello.intervalMillis() != null) {
                    json.writeNumberProperty("interval", hello.intervalMillis());
                }
            } else if (message instanceof Message.Join join) {
                json.writeStringProperty("type", "join");
                json.writeNumberProperty("protocol", join.protocol());
                json.writeStringProperty("node", join.node());
                json.writeStringProperty("nonce", join.nonce());
                if (join.mac() != null) {
                    json.writeStringProperty("mac", join.mac());
                }
                if (join.claim()) {
                    json.writeBooleanProperty("claim", true);
                }
            } else if (message instanceof Message.Yield yield) {
                json.writeStringProperty("type", "yield");
                if (yield.mac() != null) {
                    json.writeStringProperty("mac", yield.mac());
                }
            } else if (message instanceof Message.Handover) {
                json.writeStringProperty("type", "handover");
            } else if (message instanceof Message.Welcome welcome) {
                json.writeStringProperty("type", "welcome");
                if (welcome.mac() != null) {
                    json.writeStringProperty("mac", welcome.mac());
                }
            } else if (message instanceof Message.Refused refused) {
                json.writeStringProperty("type", "refused");
                json.writeStringProperty("reason", refused.reason());
            } else if (message instanceof Message.Collect collect) {
                json.writeStringProperty("type", "collect");
                json.writeNumberProperty("id", collect.id());
            } else if (message instanceof Message.Values values) {
                json.writeStringProperty("type", "values");
                json.writeNumberProperty("id", values.id());
                json.writeNumberProperty("time", values.time());
                json.writeName("counters");
                json.writeStartObject();
                for (Map.Entry<String, MergeableValue> counter : values.counters().entrySet()) {
                    json.writeName(counter.getKey());
                    writeValue(json, counter.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return out;
    }

    // A counter is a short array: a one-letter kind, then its fields; no value is the kind alone.
    private static void writeValue(JsonGenerator json, MergeableValue value) {
        json.writeStartArray();
        if (value instanceof MergeableValue.Total total) {
            json.writeString("T");
            if (total.recorded()) {
                number(json, total.sum());
            }
        } else if (value instanceof MergeableValue.Sum sum) {
            json.writeString("S");
            number(json, sum.sum());
        } else if (value instanceof MergeableValue.Mean mean) {
            json.writeString("M");
            number(json, mean.sum());
            json.writeNumber(mean.count());
        } else if (value instanceof MergeableValue.Max max) {
            json.writeString("X");
            if (max.max() != null) {
                number(json, max.max());
            }
        } else if (value instanceof MergeableValue.Min min) {
            json.writeString("N");
            if (min.min() != null) {
                number(json, min.min());
            }
        } else if (value instanceof MergeableValue.KeyedSums keyed) {
            json.writeString("K");
            json.writeStartObject();
            for (Map.Entry<String, Double> entry : keyed.sums().entrySet()) {
                json.writeName(entry.getKey());
                number(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof MergeableValue.Percentiles percentiles) {
            // The percentiles, then the histogram's compact buckets as base64: about 1.4 bytes a
            // non-empty bucket, merged by the leader bucket by bucket.
            json.writeString("P");
            json.writeArray(percentiles.percentiles(), 0, percentiles.percentiles().length);
            json.writeBinary(percentiles.buckets());
        }
        json.writeEndArray();
    }

    private static void number(JsonGenerator json, double value) {
        // JSON has no NaN or infinities; counters never hold them (they drop such values), and a
        // sum that overflows reads as the largest double rather than break the frame.
        json.writeNumber(Double.isFinite(value) ? value : Math.copySign(Double.MAX_VALUE, value));
    }

    /** The message in {@code frame}, checked against the wire format. */
    static Message decode(byte[] frame) throws ProtocolException {
        return decode(frame, 0, frame.length);
    }

    /** The message in {@code length} bytes of {@code frame} from {@code offset}, checked against the wire format. */
    static Message decode(byte[] frame, int offset, int length) throws ProtocolException {
        // Through a stream, not createParser(byte[], offset, length): given an offset, the parser read
        // bytes from outside the range once a document outgrew its first buffer (a sealed frame of a
        // few thousand counters failed to decode; LargeFramesTest).
        try (JsonParser json = FACTORY.createParser(ObjectReadContext.empty(),
                new java.io.ByteArrayInputStream(frame, offset, length))) {
            Message message = readMessage(json);
            if (json.nextToken() != null) {
                throw new ProtocolException("Content after the message's object");
            }
            return message;
        } catch (JacksonException | IllegalArgumentException ex) {
            // A parser's message may quote a peer's bytes: only printable ones reach the log.
            throw new ProtocolException("Not a message: " + sanitized(String.valueOf(ex.getMessage())), ex);
        }
    }

    private static Message readMessage(JsonParser json) throws ProtocolException {
        expect(json.nextToken() == JsonToken.START_OBJECT, "a message is a JSON object");
        Map<String, Object> fields = new HashMap<>();
        Map<String, MergeableValue> counters = null;
        String name;
        while ((name = json.nextName()) != null) {
            JsonToken token = json.nextToken();
            switch (name) {
                case "type", "leader", "node", "nonce", "mac", "reason", "protocol", "id", "time", "counters", "interval",
                        "claim" ->
                    expect(!fields.containsKey(name), "'" + name + "' appears once");
                default -> {
                }
            }
            switch (name) {
                case "type", "leader", "node", "nonce", "mac", "reason" -> {
                    expect(token == JsonToken.VALUE_STRING, "'" + name + "' is a string");
                    String text = json.getString();
                    expect(text.length() <= (name.equals("reason") ? 1000 : MAX_TOKEN_LENGTH), "'" + name + "' is too long");
                    if (name.equals("leader") || name.equals("node")) {
                        expect(isNodeId(text), "a node id is printable ASCII without spaces");
                    } else if (name.equals("nonce") || name.equals("mac")) {
                        expect(isBase64Url(text), "'" + name + "' is base64url");
                    }
                    fields.put(name, text);
                }
                case "protocol", "id", "time", "interval" -> {
                    expect(token == JsonToken.VALUE_NUMBER_INT, "'" + name + "' is an integer");
                    fields.put(name, json.getLongValue());
                }
                case "claim" -> {
                    expect(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, "'claim' is a boolean");
                    fields.put(name, token == JsonToken.VALUE_TRUE);
                }
                case "counters" -> {
                    expect(token == JsonToken.START_OBJECT, "'counters' is an object");
                    counters = readCounters(json);
                    fields.put(name, Boolean.TRUE);
                }
                default -> json.skipChildren(); // a field of a later version
            }
        }
        String type = string(fields, "type");
        return switch (type) {
            case "hello" -> new Message.Hello(protocol(fields), string(fields, "leader"), string(fields, "nonce"),
                    interval(fields));
            case "join" -> new Message.Join(protocol(fields), string(fields, "node"), string(fields, "nonce"),
                    (String) fields.get("mac"), Boolean.TRUE.equals(fields.get("claim")));
            case "welcome" -> new Message.Welcome((String) fields.get("mac"));
            case "yield" -> new Message.Yield((String) fields.get("mac"));
            case "handover" -> new Message.Handover();
            case "refused" -> new Message.Refused(string(fields, "reason"));
            case "collect" -> new Message.Collect(number(fields, "id"));
            case "values" -> {
                expect(counters != null, "'values' has 'counters'");
                yield new Message.Values(number(fields, "id"), number(fields, "time"), counters);
            }
            default -> throw new ProtocolException("Unknown message type '" + printable(type) + "'");
        };
    }

    private static Map<String, MergeableValue> readCounters(JsonParser json) throws ProtocolException {
        List<String> names = new ArrayList<>();
        List<MergeableValue> values = new ArrayList<>();
        String previous = null;
        String name;
        while ((name = json.nextName()) != null) {
            checkName("counter name", name);
            expect(previous == null || previous.compareTo(name) < 0, "counters are in ascending order of name, each once");
            previous = name;
            expect(json.nextToken() == JsonToken.START_ARRAY, "a counter is an array");
            expect(json.nextToken() == JsonToken.VALUE_STRING, "a counter's array starts with its kind");
            String kind = json.getString();
            JsonToken next = json.nextToken();
            MergeableValue value = switch (kind) {
                case "T" -> next == JsonToken.END_ARRAY ? new MergeableValue.Total(0, false)
                        : new MergeableValue.Total(finite(json, next), true);
                case "S" -> new MergeableValue.Sum(finite(json, next));
                case "M" -> {
                    double sum = finite(json, next);
                    expect(json.nextToken() == JsonToken.VALUE_NUMBER_INT, "a mean's count is an integer");
                    long count = json.getLongValue();
                    expect(count >= 0, "a mean's count is not negative");
                    yield new MergeableValue.Mean(sum, count);
                }
                case "X" -> new MergeableValue.Max(next == JsonToken.END_ARRAY ? null : finite(json, next));
                case "N" -> new MergeableValue.Min(next == JsonToken.END_ARRAY ? null : finite(json, next));
                case "K" -> {
                    expect(next == JsonToken.START_OBJECT, "keyed sums are an object");
                    Map<String, Double> sums = new TreeMap<>();
                    String key;
                    while ((key = json.nextName()) != null) {
                        // Keys are event names too (the events a counter sums): checked alike, so
                        // that no control character of a peer's reaches the leader's log.
                        checkName("key", key);
                        expect(sums.put(key, finite(json, json.nextToken())) == null, "a key appears once");
                    }
                    yield new MergeableValue.KeyedSums(sums);
                }
                case "P" -> {
                    expect(next == JsonToken.START_ARRAY, "percentiles are an array");
                    double[] percentiles = new double[MAX_PERCENTILES];
                    int n = 0;
                    JsonToken token;
                    while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                        expect(n < MAX_PERCENTILES, "at most " + MAX_PERCENTILES + " percentiles");
                        percentiles[n++] = finite(json, token);
                    }
                    expect(json.nextToken() == JsonToken.VALUE_STRING, "a histogram's buckets are base64");
                    // Out-of-range percentiles and malformed buckets are IllegalArgumentExceptions.
                    yield MergeableValue.Percentiles.of(java.util.Arrays.copyOf(percentiles, n), json.getBinaryValue());
                }
                default -> throw new ProtocolException("Unknown counter kind '" + printable(kind) + "'");
            };
            if (json.currentToken() != JsonToken.END_ARRAY) {
                expect(json.nextToken() == JsonToken.END_ARRAY, "a counter's array ends after its fields");
            }
            names.add(name);
            values.add(value);
        }
        return new SortedPairs<>(names, values);
    }

    /** 1 to 200 printable ASCII characters, no spaces: safe to log as it is. */
    static boolean isNodeId(String text) {
        if (text.isEmpty() || text.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /** A valid event name, or a protocol error that shows the culprit {@linkplain #printable printably}. */
    private static void checkName(String what, String name) throws ProtocolException {
        try {
            EventNames.check(name);
        } catch (IllegalArgumentException ex) {
            throw new ProtocolException("Not a message: a bad " + what + " '" + printable(name) + "' (1 to "
                    + EventNames.MAX_LENGTH + " characters, no whitespace or control characters)");
        }
    }

    /** A message as the log may show it: at most 300 characters, and no control characters. */
    private static String sanitized(String message) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < message.length() && i < 300; i++) {
            char c = message.charAt(i);
            shown.append(c >= 0x20 && c != 0x7f && !Character.isISOControl(c) ? c : '?');
        }
        return message.length() > 300 ? shown + "..." : shown.toString();
    }

    /** A peer's string as the log may show it: short, and with no control characters to forge lines. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < text.length() && shown.length() < 40; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > 40 ? shown + "..." : shown.toString();
    }

    private static double finite(JsonParser json, @Nullable JsonToken token) throws ProtocolException {
        expect(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "a value is a number");
        double value = json.getDoubleValue();
        expect(Double.isFinite(value), "a value is finite");
        return value;
    }

    private static String string(Map<String, Object> fields, String name) throws ProtocolException {
        Object value = fields.get(name);
        expect(value instanceof String, "the message has '" + name + "'");
        return (String) value;
    }

    private static long number(Map<String, Object> fields, String name) throws ProtocolException {
        Object value = fields.get(name);
        expect(value instanceof Long, "the message has '" + name + "'");
        return (Long) value;
    }

    private static @Nullable Long interval(Map<String, Object> fields) throws ProtocolException {
        Object value = fields.get("interval");
        // From a second to 36500 days, as a report interval may be.
        expect(value == null || (Long) value >= 1000 && (Long) value <= 36_500L * 86_400_000L,
                "'interval' is from 1000 ms to 36500 days");
        return (Long) value;
    }

    private static int protocol(Map<String, Object> fields) throws ProtocolException {
        long protocol = number(fields, "protocol");
        expect(protocol == PROTOCOL, "protocol " + PROTOCOL + ", not " + protocol);
        return (int) protocol;
    }

    private static void expect(boolean condition, String rule) throws ProtocolException {
        if (!condition) {
            throw new ProtocolException("Not a message: " + rule);
        }
    }
}
