package io.atlasoperator.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing a user applies or copies depends on the calendar: no file under operator/ and helm/, and
 * no YAML example in the README or docs/, holds an absolute date, since every date is in the past a
 * few days after it is written (a temporary user's date is refused by Atlas from then on: that is
 * how the samples broke the test command on 2026-11-28). A temporary user is written with
 * spec.expiresAfter instead. The few dates that are not moments are listed below with the reason.
 */
class NoCalendarDatesTest {

  private static final Pattern DATE = Pattern.compile("\\b(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]");

  /** Text right before a date that makes it something other than a moment, and why it may stay. */
  private static final Map<String, String> NOT_A_MOMENT =
      Map.of(
          "vnd.atlas.",
          "an Atlas Admin API resource version in a media type, which names an API, not a time",
          "resource version ",
          "an Atlas Admin API resource version, which names an API, not a time");

  @Test
  void samplesChartAndDocumentedExamplesHoldNoAbsoluteDate() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(Path.of("operator"), Path.of("helm"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          found.addAll(datesIn(file.toString(), Files.readString(file)));
        }
      }
    }
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> files = Files.walk(Path.of("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    for (Path doc : docs) {
      found.addAll(datesIn(doc + " (YAML examples)", yamlExamples(Files.readString(doc))));
    }

    assertThat(found)
        .as(
            "absolute dates that will pass (a temporary user takes spec.expiresAfter; a test"
                + " computes its dates from its own clock)")
        .isEmpty();
  }

  @Test
  void theScanFindsTheDateThatBrokeTheSamplesAndLetsApiVersionsBe() {
    String sample =
        "spec:\n"
            + "  deleteAfterDate: \"2026-11-28T00:00:00Z\"\n"
            + "  accept: application/vnd.atlas.2023-01-01+json\n"
            + "# v2 (versioned, resource version 2023-01-01)\n";

    assertThat(datesIn("temporary-user.yaml", sample))
        .containsExactly("temporary-user.yaml:2: 2026-11-28");
  }

  @Test
  void onlyYamlExamplesOfADocumentAreItsExamples() {
    String readme =
        "Since 2026-11-28 the samples ...\n"
            + "```yaml\n"
            + "spec:\n"
            + "  deleteAfterDate: 2026-12-01\n"
            + "```\n"
            + "```bash\n"
            + "date -d 2026-12-01\n"
            + "```\n";

    assertThat(datesIn("README.md", yamlExamples(readme)))
        .containsExactly("README.md:4: 2026-12-01");
  }

  /** "FILE:LINE: DATE" for each date in the text that is not explained as something else. */
  static List<String> datesIn(String file, String text) {
    List<String> found = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher date = DATE.matcher(lines[i]);
      while (date.find()) {
        String before = lines[i].substring(0, date.start());
        if (NOT_A_MOMENT.keySet().stream().noneMatch(before::endsWith)) {
          found.add(file + ":" + (i + 1) + ": " + date.group());
        }
      }
    }
    return found;
  }

  /**
   * The ```yaml blocks of a Markdown document; every other line is left blank, so that line numbers
   * stay the document's.
   */
  static String yamlExamples(String markdown) {
    StringBuilder yaml = new StringBuilder();
    boolean inside = false;
    for (String line : markdown.split("\n", -1)) {
      boolean fence = line.strip().startsWith("```");
      yaml.append(inside && !fence ? line : "").append('\n');
      if (fence) {
        inside = !inside && line.strip().matches("```\\s*(yaml|yml)\\s*");
      }
    }
    return yaml.toString();
  }
}
