package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pycounters.counters.MergeableValue;
import io.pycounters.counters.PercentileTimeCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    private static Message roundTrip(Message message) throws Exception {
        ByteArrayOutputStream json = MessageCodec.encode(message);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames.write(wire, json.toByteArray(), json.size());
        byte[] frame = Frames.read(new ByteArrayInputStream(wire.toByteArray()), 1 << 20, Frames.Deadline.NONE);
        assertThat(frame).isNotNull();
        return MessageCodec.decode(frame);
    }

    @Test
    void everyKindOfCounterValueCrossesTheWireUnchanged() throws Exception {
        Map<String, MergeableValue> counters = new TreeMap<>();
        counters.put("total", new MergeableValue.Total(12.5, true));
        counters.put("total.none", new MergeableValue.Total(0, false));
        counters.put("rate", new MergeableValue.Sum(0.0033333333333333335));
        counters.put("mean", new MergeableValue.Mean(7.25, 3));
        counters.put("mean.none", new MergeableValue.Mean(0, 0));
        counters.put("max", new MergeableValue.Max(9.0));
        counters.put("max.none", new MergeableValue.Max(null));
        counters.put("min", new MergeableValue.Min(-1.5));
        counters.put("min.none", new MergeableValue.Min(null));
        counters.put("keyed", new MergeableValue.KeyedSums(Map.of("db", 0.12, "cache", 3.0)));
        counters.put("search.percentiles", percentiles(1_000));
        counters.put("search.percentiles.none", percentiles(0));
        Message.Values values = new Message.Values(42, 1767225600123L, counters);

        assertThat(roundTrip(values)).isEqualTo(values);
    }

    private static MergeableValue.Percentiles percentiles(int samples) {
        PercentileTimeCounter counter = new PercentileTimeCounter("search", Duration.ofMinutes(1), new double[] {0.5, 0.99});
        Random random = new Random(samples);
        for (int i = 0; i < samples; i++) {
            counter.onValue("search", 0.01 * Math.exp(random.nextGaussian()), 0);
        }
        return counter.mergeableValueAt(0);
    }

    @Test
    void handshakeMessagesCrossTheWireUnchanged() throws Exception {
        for (Message message : new Message[] {new Message.Hello(MessageCodec.PROTOCOL, "123-abcdef", "nonce1"),
                new Message.Join(MessageCodec.PROTOCOL, "456-fedcba", "nonce2", "mac"), new Message.Join(MessageCodec.PROTOCOL, "456-fedcba", "nonce2", null),
                new Message.Welcome("mac2"), new Message.Welcome(null), new Message.Refused("wrong secret"),
                new Message.Hello(MessageCodec.PROTOCOL, "123-abcdef", "nonce1", 300_000L),
                new Message.Join(MessageCodec.PROTOCOL, "456-fedcba", "nonce2", "mac", true),
                new Message.Yield("mac3"), new Message.Yield(null), new Message.Handover(),
                new Message.Collect(7)}) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void aFrameLongerThanTheLimitIsRefusedBeforeItsBytesAreRead() {
        byte[] header = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(header), 1024, Frames.Deadline.NONE))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("2147483647 bytes");
    }

    @Test
    void aStreamThatEndsWithinAFrameIsAnEndOfFile() {
        byte[] partial = {0, 0, 0, 10, '{'};
        assertThatThrownBy(() -> Frames.read(new ByteArrayInputStream(partial), 1024, Frames.Deadline.NONE))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void messagesOutsideTheFormatAreProtocolErrors() {
        for (String json : new String[] {"not json", "[]", "{}", "{\"type\":\"nope\"}",
                "{\"type\":\"collect\",\"id\":\"7\"}", "{\"type\":\"collect\",\"id\":7}{}",
                "{\"type\":\"collect\",\"id\":7,\"id\":8}",
                "{\"type\":\"hello\",\"protocol\":1,\"leader\":\"a\",\"nonce\":\"b\"}",
                "{\"type\":\"hello\",\"protocol\":3,\"leader\":\"a\",\"nonce\":\"b\"}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"Q\",1]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"M\",1,-1]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"S\",1,2]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"P\",[1.5],\"\"]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"P\",[0.5],\"gA==\"]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"P\",[0.5],\"not base64!\"]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"P\",[],\"\"]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"bad name\":[\"S\",1]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"K\",{\"forged\\nWARN line\":1}]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"K\",{\"\":1}]}}",
                "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"S\",[[[[[1]]]]]]}}"}) {
            assertThatThrownBy(() -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void theSecretIsNeverOnTheWireAndAWrongOneDoesNotAnswerTheChallenge() {
        Auth right = new Auth("a secret of more than 16 bytes");
        Auth wrong = new Auth("another secret, also long enough");
        String answer = right.joinMac("leader-nonce", "node-nonce", "node-1");

        assertThat(answer).doesNotContain("secret");
        assertThat(right.accepts(right.joinMac("leader-nonce", "node-nonce", "node-1"), answer)).isTrue();
        assertThat(right.accepts(right.joinMac("leader-nonce", "node-nonce", "node-1"),
                wrong.joinMac("leader-nonce", "node-nonce", "node-1"))).isFalse();
        assertThat(right.accepts(right.joinMac("other-nonce", "node-nonce", "node-1"), answer)).isFalse();
        assertThat(right.accepts(right.joinMac("leader-nonce", "node-nonce", "node-1"), null)).isFalse();
    }

    @Test
    void tenThousandCountersWithTheLongestNamesFitTheDefaultFrameLimitWithRoomToSpare() {
        int longest = frameBytes(io.pycounters.internal.EventNames.MAX_LENGTH);
        int usual = frameBytes(20);
        // The figures docs/multiprocess.md gives for the frame limit.
        System.out.printf(java.util.Locale.ROOT, "10,000 counters: %d bytes with 200-character names, %d with 20%n",
                longest, usual);
        assertThat(longest + FrameSeal.OVERHEAD).isLessThan(4 * 1024 * 1024 * 3 / 4);
        assertThat(usual).isLessThan(1024 * 1024);
    }

    /** A values frame of 10,000 means (the longest kind but keyed sums) with names of {@code nameLength}, full-precision values. */
    private static int frameBytes(int nameLength) {
        java.util.Random random = new java.util.Random(nameLength);
        Map<String, MergeableValue> counters = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            String suffix = "." + i;
            String name = "n".repeat(nameLength - suffix.length()) + suffix;
            counters.put(name, new MergeableValue.Mean(random.nextDouble() * 1e6, 1_000_000_000L + random.nextInt(1 << 30)));
        }
        return MessageCodec.encode(new Message.Values(Long.MAX_VALUE, Long.MAX_VALUE, counters)).size();
    }

    @Test
    void aKeyWithAControlCharacterIsRefusedAndTheErrorShowsItWithoutTheControlCharacter() {
        String json = "{\"type\":\"values\",\"id\":1,\"time\":1,\"counters\":{\"a\":[\"K\","
                + "{\"x\\n12:00:00.000 WARN forged\":1}]}}";

        assertThatThrownBy(() -> MessageCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("a bad key 'x?12:00:00.000 WARN forged'")
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n"));
    }
}
