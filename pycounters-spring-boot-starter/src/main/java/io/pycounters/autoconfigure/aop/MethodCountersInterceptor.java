package io.pycounters.autoconfigure.aop;

import io.pycounters.EventHandle;
import java.util.concurrent.CompletionStage;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Records the calls of one method to the event handles its annotations resolved at startup: per
 * call, two clock readings for {@code @Timed} and one event per handle, with no reflection and no
 * look-up. A call that throws is recorded too and its exception is rethrown as it is; a call that
 * returns a {@link CompletionStage} is recorded when the stage completes.
 */
final class MethodCountersInterceptor implements MethodInterceptor {

    private final @Nullable EventHandle timed;
    private final @Nullable EventHandle frequency;
    private final @Nullable EventHandle counted;
    private final boolean mayCompleteLater;
    private final String description;

    MethodCountersInterceptor(@Nullable EventHandle timed, @Nullable EventHandle frequency,
            @Nullable EventHandle counted, boolean mayCompleteLater, String description) {
        this.timed = timed;
        this.frequency = frequency;
        this.counted = counted;
        this.mayCompleteLater = mayCompleteLater;
        this.description = description;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        long started = timed != null ? timed.startTiming() : 0L;
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable ex) {
            recordEnd(started);
            throw ex;
        }
        if (mayCompleteLater && result instanceof CompletionStage<?> stage) {
            recordOnCompletion(stage, started);
        } else {
            recordEnd(started);
        }
        return result;
    }

    private void recordOnCompletion(CompletionStage<?> stage, long started) {
        try {
            // The caller keeps the stage it was given; the dependent stage is only for recording.
            stage.whenComplete((value, failure) -> recordEnd(started));
        } catch (RuntimeException ex) {
            // A stage that refuses dependents cannot be followed: count the call as it returns.
            recordEnd(started);
        }
    }

    private void recordEnd(long started) {
        if (timed != null) {
            timed.endTiming(started);
        }
        if (frequency != null) {
            frequency.occurrence();
        }
        if (counted != null) {
            counted.end();
        }
    }

    @Override
    public String toString() {
        return "MethodCountersInterceptor[" + description + ", timed=" + name(timed) + ", frequency=" + name(frequency)
                + ", counted=" + name(counted) + "]";
    }

    private static @Nullable String name(@Nullable EventHandle handle) {
        return handle != null ? handle.name() : null;
    }
}
