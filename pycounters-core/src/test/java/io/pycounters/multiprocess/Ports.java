package io.pycounters.multiprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Random free loopback ports for tests: others run tests on this machine at the same time. */
final class Ports {

    private Ports() {
    }

    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Free again, which is the point.
                }
            }
        }
    }

    /** A port held by something that is not a PyCounters leader: it accepts and never says a word. */
    static ServerSocket foreign(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }
}
