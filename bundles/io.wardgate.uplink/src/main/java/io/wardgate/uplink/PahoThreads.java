package io.wardgate.uplink;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one Paho client (its connect task, receiver, sender, callback and keep-alive pings), so
 * that a connection does not wait on Paho's start-up polls.
 *
 * <p>Why: Paho 1.2.5's CommsReceiver, CommsSender and CommsCallback {@code start()} hand their task to
 * this executor and then poll {@code isRunning()} with {@code Thread.sleep(100)} (eclipse-paho/paho.mqtt.java
 * issue 945, open): three polls, 300 ms, on every connect (JFR's jdk.ThreadSleep events of a gateway start). Paho catches the InterruptedException there and
 * checks again. So when such a task has started here and says it is running, while the thread that started
 * it (always one of ours: Paho's connect task runs here) sleeps in that task's {@code start()}, we interrupt
 * that thread once. Nothing else is ever interrupted: not a thread outside this pool (the uplink's own),
 * not one that is not asleep in that very {@code start()}. If it woke by itself between our look and the
 * interrupt, the flag costs at most one more of Paho's polls, and the pool clears it before its next task.
 */
final class PahoThreads extends ScheduledThreadPoolExecutor {
    /**
     * Connect task, receiver, sender and callback at once, plus room for a release, a ping, a disconnect. Made
     * as needed and kept until the client closes: a pool whose idle threads timed out would leave a scheduled
     * keep-alive ping with no thread to run it while the receiver, sender and callback hold theirs.
     */
    private static final int THREADS = 6;
    private static final long LOOK_AGAIN_NANOS = 100_000;
    /** Past two of Paho's polls the release has lost its point. */
    private static final long GIVE_UP_NANOS = 200_000_000;

    private final Set<Thread> own = ConcurrentHashMap.newKeySet();
    /** Started Paho tasks not yet running (one that is cancelled first stays here until the pool goes). */
    private final Map<Runnable, Started> watched = new ConcurrentHashMap<>();
    private final LongAdder released;

    /** A Paho task with a running check, and the thread of ours that started it. */
    private record Started(Object task, Method isRunning, Thread starter) {
    }

    /**
     * @param pool this pool's number in its transport (thread names: wardgate-paho-POOL-N)
     * @param released counts the threads released from a start-up poll (a test's evidence)
     */
    PahoThreads(int pool, LongAdder released) {
        super(THREADS);
        this.released = released;
        String prefix = "wardgate-paho-" + pool + "-";
        AtomicInteger next = new AtomicInteger();
        setThreadFactory(task -> {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } finally {
                    own.remove(Thread.currentThread());
                }
            }, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            own.add(thread);
            return thread;
        });
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
        Thread starter = Thread.currentThread();
        Method isRunning = own.contains(starter) ? runningCheck(runnable) : null;
        if (isRunning != null) {
            watched.put(task, new Started(runnable, isRunning, starter));
        }
        return task;
    }

    @Override
    protected void beforeExecute(Thread worker, Runnable task) {
        super.beforeExecute(worker, task);
        Started started = watched.remove(task);
        if (started != null && !isShutdown()) {
            try {
                execute(() -> release(started));
            } catch (RejectedExecutionException e) {
                // closing: Paho's own poll ends the wait
            }
        }
    }

    /** Paho's public {@code isRunning()} of one of its own tasks, or null for anything else. */
    private static Method runningCheck(Runnable runnable) {
        if (!runnable.getClass().getName().startsWith("org.eclipse.paho.")) {
            return null;
        }
        try {
            Method method = runnable.getClass().getMethod("isRunning");
            return method.getReturnType() == boolean.class ? method : null;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    private void release(Started started) {
        String owner = started.task().getClass().getName();
        long giveUp = System.nanoTime() + GIVE_UP_NANOS;
        while (!isShutdown() && System.nanoTime() - giveUp < 0) {
            StackTraceElement[] stack = started.starter().getStackTrace();
            if (!inStart(stack, owner)) {
                return; // not (or no longer) waiting for this task
            }
            if (asleepInStart(stack, owner) && running(started)) {
                started.starter().interrupt();
                released.increment();
                return;
            }
            LockSupport.parkNanos(LOOK_AGAIN_NANOS);
        }
    }

    private static boolean running(Started started) {
        try {
            return (Boolean) started.isRunning().invoke(started.task());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean inStart(StackTraceElement[] stack, String owner) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(owner) && frame.getMethodName().equals("start")) {
                return true;
            }
        }
        return false;
    }

    /** Directly inside {@code Thread.sleep}, called from the owner's {@code start()}. */
    private static boolean asleepInStart(StackTraceElement[] stack, String owner) {
        int i = 0;
        while (i < stack.length && stack[i].getClassName().equals("java.lang.Thread")) {
            if (!stack[i].getMethodName().equals("sleep")) {
                return false;
            }
            i++;
        }
        return i > 0 && i < stack.length && stack[i].getClassName().equals(owner)
                && stack[i].getMethodName().equals("start");
    }
}
