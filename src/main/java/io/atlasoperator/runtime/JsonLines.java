package io.atlasoperator.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the operator's log lines ({@code [thread] LEVEL logger - message}) into one JSON object a
 * line ({@code time}, {@code level}, {@code logger}, {@code thread}, {@code message}), for log
 * collectors that parse JSON (ATLAS_OPERATOR_LOG_FORMAT=json). A line of another shape (a stack
 * frame) becomes an object with only its text as message.
 */
public final class JsonLines extends OutputStream {

  private static final Pattern LINE =
      Pattern.compile(
          "^\\[(?<thread>.*?)\\] (?<level>TRACE|DEBUG|INFO|WARN|ERROR) (?<logger>.+?) - (?<message>.*)$");

  private final PrintStream target;
  private final Clock clock;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public JsonLines(PrintStream target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  /** Sends what is written to System.err through this, as JSON, from now on. */
  public static void install() {
    System.setErr(
        new PrintStream(
            new JsonLines(System.err, Clock.systemUTC()), true, StandardCharsets.UTF_8));
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() {
    target.flush();
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    StringBuilder json = new StringBuilder("{\"time\":\"").append(Instant.now(clock)).append('"');
    Matcher m = LINE.matcher(text);
    if (m.matches()) {
      json.append(",\"level\":\"").append(m.group("level")).append('"');
      field(json, "logger", m.group("logger"));
      field(json, "thread", m.group("thread"));
      field(json, "message", m.group("message"));
    } else {
      field(json, "message", text);
    }
    target.println(json.append('}'));
  }

  private static void field(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
