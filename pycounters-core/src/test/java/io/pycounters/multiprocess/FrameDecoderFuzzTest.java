package io.pycounters.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, and valid frames with random bytes changed, through the frame reader and the
 * message decoder: only a {@link ProtocolException} or an end of stream may come out, and no read
 * allocates more than the frame limit (plus the parser's small buffers).
 */
class FrameDecoderFuzzTest {

    private static final int LIMIT = 4096;

    /** What one read may allocate beyond the frame: Jackson's buffers and the decoded message. */
    private static final long OVERHEAD = 256 * 1024;

    // The first decode loads and initialises classes (Jackson's among them), allocating what no later read does.
    @BeforeAll
    static void loadTheDecodersClasses() throws Exception {
        MessageCodec.decode(MessageCodec.encode(new Message.Values(1, 1, java.util.Map.of(
                "a", new io.pycounters.counters.MergeableValue.Mean(1, 1)))).toByteArray());
        for (String bad : new String[] {"x", "{\"type\":1}", "{\"type\":\"values\",\"counters\":{\"a\":[\"Q\"]}}"}) {
            try {
                MessageCodec.decode(bad.getBytes(StandardCharsets.UTF_8));
            } catch (ProtocolException expected) {
                // Loads the exceptions' classes too.
            }
        }
    }

    @Test
    void randomBytesNeverLetAnExceptionEscapeNorAllocateBeyondTheLimit() {
        Random random = new Random(20261130);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (round % 2 == 0 && bytes.length >= 4) {
                // Half the time a plausible length, so that the decoder sees the random rest.
                int length = random.nextInt(Math.max(1, bytes.length));
                bytes[0] = 0;
                bytes[1] = 0;
                bytes[2] = (byte) (length >>> 8);
                bytes[3] = (byte) length;
            }
            decodeAll(bytes);
        }
    }

    @Test
    void validFramesWithRandomBytesChangedNeverLetAnExceptionEscape() throws Exception {
        Random random = new Random(11);
        String json = "{\"type\":\"values\",\"id\":3,\"time\":17,\"counters\":{\"a\":[\"M\",1.5,2],"
                + "\"b\":[\"K\",{\"x\":1.0}],\"c\":[\"T\"],\"d\":[\"X\",3]}}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames.write(wire, body, body.length);
        byte[] valid = wire.toByteArray();
        assertThat(decodeAll(valid)).isEqualTo(1);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = valid.clone();
            for (int changes = 1 + random.nextInt(4); changes > 0; changes--) {
                bytes[4 + random.nextInt(bytes.length - 4)] = (byte) random.nextInt(256);
            }
            decodeAll(bytes);
        }
    }

    @Test
    void aHugeDeclaredLengthAllocatesNothingForIt() {
        byte[] header = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        long before = allocated();
        decodeAll(header);
        assertThat(allocated() - before).isLessThan(OVERHEAD);
    }

    /** Reads frames until the stream ends or is refused; returns how many messages decoded. */
    private static int decodeAll(byte[] bytes) {
        InputStream in = new ByteArrayInputStream(bytes);
        int messages = 0;
        while (true) {
            long before = allocated();
            try {
                byte[] frame = Frames.read(in, LIMIT, Frames.Deadline.NONE);
                if (frame == null) {
                    return messages;
                }
                MessageCodec.decode(frame);
                messages++;
            } catch (ProtocolException | EOFException expected) {
                return messages;
            } catch (Throwable escaped) {
                fail("An exception escaped the decoder for bytes %s", java.util.HexFormat.of().formatHex(bytes), escaped);
            } finally {
                long used = allocated() - before;
                if (used > LIMIT + OVERHEAD) {
                    fail("One read allocated %d bytes, above the %d-byte limit", used, LIMIT);
                }
            }
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
