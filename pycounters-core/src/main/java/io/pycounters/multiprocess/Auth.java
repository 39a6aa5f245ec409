package io.pycounters.multiprocess;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The challenge both ends of a connection answer when the group has a secret: each sends a random
 * nonce, and each proves it knows the secret with an HMAC-SHA256 over both nonces, its role and its
 * id. The secret itself never goes on the wire, and an answer cannot be replayed on another
 * connection, whose nonces differ.
 */
final class Auth {

    private static final SecureRandom random = new SecureRandom();

    private final @Nullable SecretKeySpec key;
    private final byte[] secret;

    Auth(@Nullable String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.key = this.secret.length == 0 ? null : new SecretKeySpec(this.secret, "HmacSHA256");
    }

    /** The seals of a connection's frames after a handshake of these nonces and ids (see {@link FrameSeal}). */
    FrameSeal.Session session(String leaderNonce, String nodeNonce, String leaderId, String nodeId, boolean leaderSide) {
        return FrameSeal.session(secret, leaderNonce, nodeNonce, leaderId, nodeId, leaderSide);
    }

    boolean hasSecret() {
        return key != null;
    }

    static String nonce() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The node's answer: null without a secret. */
    @Nullable String joinMac(String leaderNonce, String nodeNonce, String nodeId) {
        return mac("join", leaderNonce, nodeNonce, nodeId);
    }

    /** The answer of a process of role leader that claims the place of an auto one: null without a secret. */
    @Nullable String claimMac(String leaderNonce, String nodeNonce, String nodeId) {
        return mac("claim", leaderNonce, nodeNonce, nodeId);
    }

    /** An auto leader's answer when it steps down for a claimant: null without a secret. */
    @Nullable String yieldMac(String leaderNonce, String nodeNonce, String leaderId) {
        return mac("yield", leaderNonce, nodeNonce, leaderId);
    }

    /** The leader's answer: null without a secret. */
    @Nullable String welcomeMac(String leaderNonce, String nodeNonce, String leaderId) {
        return mac("welcome", leaderNonce, nodeNonce, leaderId);
    }

    /** Whether {@code given} is the answer {@code expected}; always true without a secret. */
    boolean accepts(@Nullable String expected, @Nullable String given) {
        if (expected == null) {
            return true;
        }
        return given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private @Nullable String mac(String role, String leaderNonce, String nodeNonce, String id) {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] answer = mac.doFinal((role + '\n' + leaderNonce + '\n' + nodeNonce + '\n' + id)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(answer);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
