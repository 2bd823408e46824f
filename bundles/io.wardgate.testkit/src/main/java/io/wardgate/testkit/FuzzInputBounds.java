package io.wardgate.testkit;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Bounds every input of a Jazzer fuzz test's regression run (each corpus input is one invocation of
 * the {@code @FuzzTest} template): an input that runs longer than {@link #TIME} (a hang) or whose
 * thread allocates more than {@link #BYTES} fails the test. Registered for every test class through
 * JUnit's extension auto-detection (META-INF/services; enabled in the root pom's surefire settings);
 * other tests, and fuzzing itself (JAZZER_FUZZ set), pass through untouched. Bounds can be changed
 * with -Dwardgate.fuzz.inputSeconds and -Dwardgate.fuzz.inputBytes.
 */
public final class FuzzInputBounds implements InvocationInterceptor {
    public static final Duration TIME = Duration.ofSeconds(Long.getLong("wardgate.fuzz.inputSeconds", 10));
    public static final long BYTES = Long.getLong("wardgate.fuzz.inputBytes", 256L << 20);
    private static final String FUZZ_TEST = "com.code_intelligence.jazzer.junit.FuzzTest";

    /** The body of one invocation. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extension) throws Throwable {
        if (!isFuzzTest(context.getExecutable()) || System.getenv("JAZZER_FUZZ") != null) {
            invocation.proceed();
            return;
        }
        bounded(() -> invocation.proceed(), TIME, BYTES);
    }

    private static boolean isFuzzTest(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().getName().equals(FUZZ_TEST));
    }

    /** Runs {@code body} on a thread of its own; fails when it takes longer than {@code time} or allocates more than {@code bytes}. */
    public static void bounded(Body body, Duration time, long bytes) throws Throwable {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicLong allocated = new AtomicLong();
        FutureTask<Void> task = new FutureTask<>(() -> {
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            try {
                body.run();
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable other) {
                throw new ExecutionException(other);
            } finally {
                allocated.set(threads.getThreadAllocatedBytes(id) - before);
            }
            return null;
        });
        Thread thread = new Thread(task, "fuzz-input");
        thread.setDaemon(true);
        thread.start();
        try {
            task.get(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("a fuzz input ran longer than " + time.toSeconds() + " s (a hang?)");
        } catch (ExecutionException e) {
            throw e.getCause();
        }
        if (allocated.get() > bytes) {
            throw new AssertionError("a fuzz input allocated " + allocated.get() + " bytes, above the bound of " + bytes);
        }
    }
}
