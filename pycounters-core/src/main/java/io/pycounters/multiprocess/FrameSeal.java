package io.pycounters.multiprocess;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What authenticates the frames of one direction of a connection after its handshake (protocol 2):
 * each frame is {@code seq (8 bytes, big-endian) || JSON || HMAC-SHA256(key, seq || JSON)}, where
 * {@code seq} counts the direction's frames from 0 and the key is the direction's session key. A
 * relay that rewrites, drops into, reorders or replays frames breaks the MAC or the sequence, and the
 * receiver drops the connection: the values arrive untouched or not at all.
 *
 * <p>The session keys are HKDF-SHA256 (RFC 5869) of the secret, salted with both nonces, one for each
 * direction and bound to both ids. Without a secret the keys come from the nonces alone: the frames
 * keep one format, and then guard against nothing but accidents (any local process may join anyway).
 * Not thread-safe: a connection seals under its write lock and opens on its one reading thread.
 */
final class FrameSeal {

    static final int SEQ_BYTES = 8;
    static final int MAC_BYTES = 32;
    /** What sealing adds to a frame. */
    static final int OVERHEAD = SEQ_BYTES + MAC_BYTES;

    private final Mac mac;
    private long seq;

    private FrameSeal(byte[] key) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** The seals of both directions of a connection, as the leader or the node holds them. */
    record Session(FrameSeal outgoing, FrameSeal incoming) {
    }

    /**
     * The session of a connection whose handshake exchanged these nonces between these ids;
     * {@code leaderSide} says which end holds it.
     */
    static Session session(byte[] secret, String leaderNonce, String nodeNonce, String leaderId, String nodeId,
            boolean leaderSide) {
        byte[] prk = hmac(utf8("pycounters/2\n" + leaderNonce + "\n" + nodeNonce), secret);
        String ids = "\n" + leaderId + "\n" + nodeId;
        FrameSeal toNode = new FrameSeal(expand(prk, "leader->node" + ids));
        FrameSeal toLeader = new FrameSeal(expand(prk, "node->leader" + ids));
        return leaderSide ? new Session(toNode, toLeader) : new Session(toLeader, toNode);
    }

    /** HKDF-Expand of one block: 32 bytes of key for {@code info}. */
    private static byte[] expand(byte[] prk, String info) {
        byte[] label = utf8(info);
        byte[] input = new byte[label.length + 1];
        System.arraycopy(label, 0, input, 0, label.length);
        input[label.length] = 1;
        return hmac(prk, input);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The next sequence number's 8 bytes; the next {@link #mac} call must seal the frame that carries them. */
    byte[] nextSeq() {
        byte[] bytes = new byte[SEQ_BYTES];
        long n = seq++;
        for (int i = SEQ_BYTES - 1; i >= 0; i--) {
            bytes[i] = (byte) n;
            n >>>= 8;
        }
        return bytes;
    }

    /** The MAC of a frame of {@code seq} and {@code json[0, length)}. */
    byte[] mac(byte[] seqBytes, byte[] json, int length) {
        mac.update(seqBytes);
        mac.update(json, 0, length);
        return mac.doFinal();
    }

    /**
     * Checks a sealed frame: its MAC, then that its sequence number is the next one expected.
     *
     * @throws ProtocolException when either is wrong (a rewritten, forged, reordered or replayed frame)
     */
    void open(byte[] frame) throws ProtocolException {
        if (frame.length < OVERHEAD) {
            throw new ProtocolException("a frame of " + frame.length + " bytes, shorter than its sequence number and MAC");
        }
        int body = frame.length - MAC_BYTES;
        mac.update(frame, 0, body);
        byte[] expected = mac.doFinal();
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(frame, body, given, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ProtocolException("a frame with a wrong MAC (rewritten on the way, or not from the peer that"
                    + " proved the secret)");
        }
        long received = 0;
        for (int i = 0; i < SEQ_BYTES; i++) {
            received = received << 8 | (frame[i] & 0xff);
        }
        if (received != seq) {
            throw new ProtocolException("frame number " + received + " where " + seq + " was due (replayed or reordered)");
        }
        seq++;
    }
}
