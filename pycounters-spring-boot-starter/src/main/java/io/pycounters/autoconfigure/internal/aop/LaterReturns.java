package io.pycounters.autoconfigure.internal.aop;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * How the calls of a method that completes after it returns are recorded, chosen once at startup
 * from the method's declared return type (as API.md has it): a {@link CompletionStage} when it
 * completes; a {@code Mono}, {@code Flux} or other type that Spring's
 * {@link org.springframework.core.ReactiveAdapterRegistry} adapts, where Reactor is present, from
 * each subscription to its termination. Any other type, {@code Object}, a generic {@code T} and
 * {@code Future} included, gets none: such a call ends when it returns, whatever it returns, since
 * the caller's thread did the work (a {@code JdbcTemplate#queryForObject} returning {@code T}).
 */
interface LaterReturns {

    /** Whether Reactor is present, so that reactive types can be followed. */
    boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Flux", LaterReturns.class.getClassLoader());

    /**
     * Records the call that returned {@code result} (never null) when it completes, through
     * {@link MethodCountersInterceptor#recordSince}; returns what the caller gets.
     *
     * @param called when the call began
     * @throws RuntimeException when it cannot be followed: the call is then counted as it returns
     */
    Object follow(Object result, long called, MethodCountersInterceptor calls);

    /** The way calls returning {@code returnType} complete later, or null: they end when they return. */
    static @Nullable LaterReturns of(Class<?> returnType) {
        if (CompletionStage.class.isAssignableFrom(returnType)) {
            return StageReturns.INSTANCE;
        }
        if (REACTOR && returnType != Object.class) {
            return ReactiveReturns.of(returnType);
        }
        return null;
    }

    /** A stage: recorded when it completes, timed from the call. */
    enum StageReturns implements LaterReturns {
        INSTANCE;

        @Override
        public Object follow(Object result, long called, MethodCountersInterceptor calls) {
            // The caller keeps the stage it was given; the dependent stage is only for recording.
            ((CompletionStage<?>) result).whenComplete((value, failure) -> calls.recordSince(called));
            return result;
        }
    }
}
