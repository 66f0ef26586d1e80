package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata.Frame;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The time box and depth limit of one evaluation, checked on every step the engine enters and leaves. Time is the
 * evaluating thread's CPU time, so a busy machine that deschedules the thread does not fail a healthy expression; the
 * (cheap) wall clock is read on every step and the CPU clock only once the wall clock passes the limit, with a hard
 * wall-clock cap of 20 times the limit.
 */
public final class Bounds {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private final long limitNanos;
  private final int maxDepth;
  private final long start = System.nanoTime();
  private final long cpuStart = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
  private long nextCheck;
  private int depth;

  private Bounds(long limitMillis, int maxDepth) {
    this.limitNanos = limitMillis * 1_000_000;
    this.maxDepth = maxDepth;
    this.nextCheck = start + limitNanos;
  }

  /** Installs the bounds on {@code frame} (the evaluation's bindings frame). */
  public static void install(Frame frame, long limitMillis, int maxDepth) {
    Bounds b = new Bounds(limitMillis, maxDepth);
    frame.setEvaluateEntryCallback((expr, input, env) -> {
      if (!env.isParallelCall) {
        b.depth++;
        b.check();
      }
    });
    frame.setEvaluateExitCallback((expr, input, env, result) -> {
      if (!env.isParallelCall) {
        b.depth--;
        b.check();
      }
    });
  }

  private void check() {
    if (depth > maxDepth) {
      throw new ExpressionBoundsExceeded("expression too deep: more than " + maxDepth + " nested evaluations"
          + " (non-terminating recursion?)");
    }
    long now = System.nanoTime();
    if (now < nextCheck) {
      return;
    }
    long cpu = CPU_TIME ? THREADS.getCurrentThreadCpuTime() - cpuStart : now - start;
    if (cpu > limitNanos || now - start > 20 * limitNanos) {
      throw new ExpressionBoundsExceeded("Expression evaluation timeout: ran past its " + limitNanos / 1_000_000 + " ms time box");
    }
    nextCheck = now + Math.max(200_000, (limitNanos - cpu) / 2);
  }

  /** An evaluation stopped by its bounds. */
  public static final class ExpressionBoundsExceeded extends RuntimeException {
    ExpressionBoundsExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
