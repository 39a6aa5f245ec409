package io.pycounters;

import io.pycounters.counters.Counter;

/**
 * Told when counters are registered in, or unregistered from, a {@link CounterRegistry}: for
 * bridges that show every counter elsewhere (Micrometer gauges, say) as it comes and goes.
 *
 * <p>Called on the thread that registers or unregisters, after the change, while the registry
 * holds its registration lock: keep it short, and do not register or unregister from it. A
 * listener that throws is logged once; the registration stands.
 */
public interface RegistrationListener {

    /**
     * {@code counter} was registered (or was already, when the listener is added).
     *
     * @param counter the counter
     */
    void registered(Counter counter);

    /**
     * {@code counter} was unregistered.
     *
     * @param counter the counter
     */
    void unregistered(Counter counter);
}
