package io.pycounters.multiprocess;

import java.io.IOException;

/** Input from a peer that breaks the wire format: the connection it came on is dropped. */
final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }

    ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
