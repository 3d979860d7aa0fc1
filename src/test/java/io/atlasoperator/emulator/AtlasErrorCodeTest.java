package io.atlasoperator.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.atlasoperator.atlas.AtlasErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error code the emulator can answer with ({@link ErrorCode}: it builds error bodies from
 * nothing else), and every code the operator's client decodes ({@link AtlasErrorCode}), is one
 * Atlas documents, with Atlas's status and message. The two tables are kept apart on purpose: the
 * emulator ships without the operator.
 */
class AtlasErrorCodeTest {

  static List<String> documented() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/atlas/api-error-codes.tsv")).stream()
        .skip(1)
        .toList();
  }

  /** Codes the error-code page does not list: code, status, message (the source column cut). */
  static List<String> otherSources() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/atlas/error-codes-other-sources.tsv"))
        .stream()
        .skip(1)
        .map(line -> line.substring(0, line.lastIndexOf('\t')))
        .toList();
  }

  @Test
  void everyCodeTheEmulatorAnswersIsDocumentedOrSourcedWithItsStatusAndMessage()
      throws IOException {
    List<String> documented = documented();
    List<String> otherSources = otherSources();
    for (ErrorCode code : ErrorCode.values()) {
      String row = code.name() + "\t" + code.httpStatus() + "\t" + code.messageTemplate();
      assertThat(documented.contains(row) || otherSources.contains(row))
          .as("%s is in api-error-codes.tsv or error-codes-other-sources.tsv as %s", code, row)
          .isTrue();
    }
  }

  @Test
  void aCodeFromAnotherSourceIsNotOnTheDocumentedPageAndNamesItsSource() throws IOException {
    List<String> documentedCodes =
        documented().stream().map(row -> row.substring(0, row.indexOf('\t'))).toList();
    for (String line :
        Files.readAllLines(Path.of("src/test/resources/atlas/error-codes-other-sources.tsv"))
            .stream()
            .skip(1)
            .toList()) {
      String[] columns = line.split("\t");
      assertThat(columns).as(line).hasSize(4);
      assertThat(documentedCodes).doesNotContain(columns[0]);
      assertThat(columns[3]).as("source of %s", columns[0]).isNotBlank();
    }
  }

  @Test
  void everyCodeTheClientDecodesIsDocumentedWithItsStatusAndMessage() throws IOException {
    assertThat(documented())
        .containsAll(
            Arrays.stream(AtlasErrorCode.values())
                .map(c -> c.name() + "\t" + c.httpStatus() + "\t" + c.messageTemplate())
                .toList());
  }
}
