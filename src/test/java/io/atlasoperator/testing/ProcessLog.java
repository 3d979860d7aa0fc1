package io.atlasoperator.testing;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines this test JVM wrote to standard error, where the in-process operator logs
 * (slf4j-simple looks up System.err at each line), so that a test that timed out can show them.
 * Everything still reaches the real standard error.
 */
public final class ProcessLog {

  private static final int KEPT = 2000;
  private static final Deque<String> LINES = new ArrayDeque<>();
  private static final StringBuilder PARTIAL = new StringBuilder();
  private static boolean installed;

  private ProcessLog() {}

  /** Starts keeping lines; more calls change nothing. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    PrintStream original = System.err;
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            original.write(b);
            keep(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            original.write(bytes, offset, length);
            keep(bytes, offset, length);
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  private static synchronized void keep(byte[] bytes, int offset, int length) {
    PARTIAL.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
    int newline;
    while ((newline = PARTIAL.indexOf("\n")) >= 0) {
      LINES.addLast(PARTIAL.substring(0, newline));
      PARTIAL.delete(0, newline + 1);
      if (LINES.size() > KEPT) {
        LINES.removeFirst();
      }
    }
  }

  /** What was kept, oldest line first. */
  public static synchronized String text() {
    return String.join("\n", LINES) + (PARTIAL.length() > 0 ? "\n" + PARTIAL : "");
  }
}
