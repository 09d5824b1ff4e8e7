package io.lcompress.codec.coding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work the encoder does on a thread of its own beside its main line (a daemon thread: nothing to shut down,
 * and nothing left running if the encoder fails): the second orientation's estimate ({@link Transposition}),
 * the PNG stream alternative while the stripes are coded ({@link LcEncoder}). What it computes never depends
 * on when it runs, so a file is the same with or without it.
 */
final class SideTask<T> {
    /** The work, which may throw an {@link IOException}. */
    interface Work<T> {
        T run() throws IOException;
    }

    private final CompletableFuture<T> future;

    private SideTask(CompletableFuture<T> future) {
        this.future = future;
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    static <T> SideTask<T> start(String name, Work<T> work) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
        return new SideTask<>(f);
    }

    /** The result, once the work is done; what the work threw is thrown again (unwrapped). */
    T join() throws IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
