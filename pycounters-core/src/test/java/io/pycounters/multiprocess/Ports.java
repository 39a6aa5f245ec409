package io.pycounters.multiprocess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Random free loopback ports for tests: others run tests on this machine at the same time. */
final class Ports {

    private Ports() {
    }

    /**
     * {@code count} distinct ports that are free now, picked at random below Linux's ephemeral range
     * (32768 and up), so that no other process's outgoing connection takes one meanwhile.
     */
    static List<Integer> free(int count) {
        List<Integer> ports = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; ports.size() < count; attempt++) {
            if (attempt > 1000) {
                throw new IllegalStateException("No " + count + " free ports in 20000..32767");
            }
            int port = 20000 + random.nextInt(12768);
            if (!ports.contains(port) && isFree(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException ex) {
            return false;
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
