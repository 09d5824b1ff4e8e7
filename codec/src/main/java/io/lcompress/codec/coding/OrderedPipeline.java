package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs stripe tasks on up to {@code threads} threads with at most that many in flight, and hands their
 * results on in the order they were submitted: memory is bounded by the tasks in flight, and the output
 * does not depend on the thread count. With one thread, tasks run at once on the caller's thread.
 */
final class OrderedPipeline<T> implements AutoCloseable {
    /** Where results go, in submission order. */
    interface Sink<T> {
        void accept(T result) throws IOException, FormatException;
    }

    private final int threads;
    private final ExecutorService pool;
    private final Deque<Future<T>> pending = new ArrayDeque<>();
    private final Sink<T> sink;

    OrderedPipeline(int threads, Sink<T> sink) {
        this.threads = Math.max(1, threads);
        this.sink = sink;
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "lcompress-stripe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Submits a task; when as many are in flight as there are threads, first hands on the oldest's result. */
    void submit(Callable<T> task) throws IOException, FormatException {
        if (pool == null) {
            sink.accept(call(task));
            return;
        }
        if (pending.size() >= threads) {
            sink.accept(await(pending.poll()));
        }
        pending.add(pool.submit(task));
    }

    /** Hands on the results of every task still in flight. */
    void finish() throws IOException, FormatException {
        while (!pending.isEmpty()) {
            sink.accept(await(pending.poll()));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> task) throws FormatException {
        try {
            return task.call();
        } catch (FormatException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> f) throws FormatException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof FormatException fe) {
                throw fe;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
