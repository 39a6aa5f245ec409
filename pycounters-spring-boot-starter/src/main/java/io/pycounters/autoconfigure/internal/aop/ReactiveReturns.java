package io.pycounters.autoconfigure.internal.aop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Reactive returns, where Reactor is present (only then is this class loaded): a call's publisher
 * is timed from each subscription to its termination: complete, error or cancel, whichever comes
 * first, and for a single-value type its value, which is its completion. Each subscription is one
 * START and one END, at its termination, on the thread that terminates it (nothing is left open on
 * the subscribing thread: see {@link MethodCountersInterceptor}); a publisher never subscribed
 * records nothing; one subscribed twice records two calls.
 *
 * <p>Per call it allocates one operator, per subscription one subscriber that is also the
 * subscription it hands down: 56 bytes for a completed {@code Mono}, what Reactor's own
 * {@code doFinally} alone allocates, and less than half of what {@code doOnSubscribe} and
 * {@code doFinally} take to see the same start and end (BENCHMARKS.md, issue 18). The operator does not take part in fusion,
 * which is only an optimisation between operators that agree on it.
 */
final class ReactiveReturns implements LaterReturns {

    private enum Shape { MONO, FLUX, ADAPTED }

    private final Shape shape;
    private final Class<?> returnType;
    private final @Nullable ReactiveAdapter adapter;

    private ReactiveReturns(Shape shape, Class<?> returnType, @Nullable ReactiveAdapter adapter) {
        this.shape = shape;
        this.returnType = returnType;
        this.adapter = adapter;
    }

    /** The way of a declared return type that Reactor or Spring's adapters know, or null for none. */
    static @Nullable LaterReturns of(Class<?> returnType) {
        if (returnType == Mono.class) {
            return new ReactiveReturns(Shape.MONO, returnType, null);
        }
        if (returnType == Flux.class) {
            return new ReactiveReturns(Shape.FLUX, returnType, null);
        }
        ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(returnType);
        return adapter != null ? new ReactiveReturns(Shape.ADAPTED, returnType, adapter) : null;
    }

    @Override
    public Object follow(Object result, long called, MethodCountersInterceptor calls) {
        return switch (shape) {
            case MONO -> new TimedMono<>((Mono<?>) result, calls);
            case FLUX -> new TimedFlux<>((Flux<?>) result, calls, false);
            case ADAPTED -> adapted(result, calls);
        };
    }

    private Object adapted(Object result, MethodCountersInterceptor calls) {
        Object timed;
        if (result instanceof Mono<?> mono) {
            timed = new TimedMono<>(mono, calls);
        } else if (result instanceof Flux<?> flux) {
            timed = new TimedFlux<>(flux, calls, false);
        } else {
            ReactiveAdapter adapter = Objects.requireNonNull(this.adapter);
            Publisher<?> publisher = adapter.toPublisher(result);
            timed = adapter.fromPublisher(new TimedFlux<>(Flux.from(publisher), calls, !adapter.isMultiValue()));
        }
        if (!returnType.isInstance(timed)) {
            // A subtype of what the adapter makes: the caller must get its own type, counted as it returns.
            throw new IllegalStateException("cannot follow a " + returnType.getName());
        }
        return timed;
    }

    @Override
    public String toString() {
        return "ReactiveReturns[" + shape + (adapter != null ? ", " + adapter.getReactiveType().getName() : "") + "]";
    }

    /** A {@code Mono} whose every subscription is timed. */
    private static final class TimedMono<T> extends MonoOperator<T, T> {

        private final MethodCountersInterceptor calls;

        TimedMono(Mono<? extends T> source, MethodCountersInterceptor calls) {
            super(source);
            this.calls = calls;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            source.subscribe(subscriber(actual, calls, true));
        }
    }

    /** A {@code Flux} whose every subscription is timed. */
    private static final class TimedFlux<T> extends FluxOperator<T, T> {

        private final MethodCountersInterceptor calls;
        private final boolean single;

        TimedFlux(Flux<? extends T> source, MethodCountersInterceptor calls, boolean single) {
            super(source);
            this.calls = calls;
            this.single = single;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            source.subscribe(subscriber(actual, calls, single));
        }
    }

    /** A subscriber of the publisher's kind: one whose first value, for a single-value type, is its end. */
    private static <T> TimedSubscriber<T> subscriber(CoreSubscriber<? super T> actual, MethodCountersInterceptor calls,
            boolean single) {
        return single ? new TimedValueSubscriber<>(actual, calls) : new TimedSubscriber<>(actual, calls);
    }

    /**
     * One subscription: started when made, recorded once at the first of its terminations.
     * Signals pass through unchanged, after the recording, so that the time is the publisher's own
     * and not what its subscriber then does.
     *
     * <p>32 bytes (three references and the start time): the start time is also the flag that it
     * was recorded, swapped for {@link #RECORDED} by the first termination, so that a cancel racing
     * a completion records once, with no field of its own for that.
     */
    private static class TimedSubscriber<T> implements CoreSubscriber<T>, Subscription {

        /** No clock reading: what {@link #started} becomes once the subscription is recorded. */
        private static final long RECORDED = Long.MIN_VALUE;
        private static final VarHandle STARTED;

        static {
            try {
                STARTED = MethodHandles.lookup().findVarHandle(TimedSubscriber.class, "started", long.class);
            } catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final CoreSubscriber<? super T> actual;
        private final MethodCountersInterceptor calls;
        private @Nullable Subscription upstream;
        // Written plainly here; subscribing hands the subscriber over with a happens-before (Reactive Streams 1.9).
        private long started;

        TimedSubscriber(CoreSubscriber<? super T> actual, MethodCountersInterceptor calls) {
            this.actual = actual;
            this.calls = calls;
            this.started = calls.now();
        }

        final void finish() {
            long at = started;
            // A stale read fails the swap: only one termination records.
            if (at != RECORDED && STARTED.compareAndSet(this, at, RECORDED)) {
                calls.recordSince(at);
            }
        }

        @Override
        public final Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public final void onSubscribe(Subscription subscription) {
            upstream = subscription;
            actual.onSubscribe(this);
        }

        @Override
        public void onNext(T value) {
            actual.onNext(value);
        }

        @Override
        public final void onError(Throwable failure) {
            finish();
            actual.onError(failure);
        }

        @Override
        public final void onComplete() {
            finish();
            actual.onComplete();
        }

        @Override
        public final void request(long n) {
            Subscription subscription = upstream;
            if (subscription != null) {
                subscription.request(n);
            }
        }

        @Override
        public final void cancel() {
            finish();
            Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /** A subscription to a single-value publisher: its value is its end. */
    private static final class TimedValueSubscriber<T> extends TimedSubscriber<T> {

        TimedValueSubscriber(CoreSubscriber<? super T> actual, MethodCountersInterceptor calls) {
            super(actual, calls);
        }

        @Override
        public void onNext(T value) {
            finish();
            super.onNext(value);
        }
    }
}
