package io.pycounters.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Diagnosis of the 2-thread cost of a shared window counter: once its window has grown a second
 * ring, every event picks its ring by {@code System.identityHashCode(Thread.currentThread())}.
 * That is an intrinsic only while the thread object's header holds the hash; a thread whose
 * monitor is inflated (one that was joined or waited on, as JMH's workers and pooled threads are)
 * takes the native slow path on every call. The thread id is a plain field read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreadHashBenchmark {

    @Benchmark
    public int identityHashOfCurrentThread() {
        return System.identityHashCode(Thread.currentThread());
    }

    @Benchmark
    @SuppressWarnings("deprecation")
    public long idOfCurrentThread() {
        return Thread.currentThread().getId();
    }
}
