package dev.berth.provider.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs the same kind of call from several threads released at the same instant, so that
 * races in a driver (two creates of one name, lost updates) actually happen in tests.
 */
final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs {@code task(0..threads-1)} on {@code threads} threads that wait on a barrier and
     * start together; returns the results in task order. A task's failure is rethrown with
     * its own exception as the cause.
     */
    static <T> List<T> run(int threads, Duration timeout, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CyclicBarrier startTogether = new CyclicBarrier(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> call = () -> {
                    startTogether.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("concurrent calls did not finish within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for concurrent calls", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
