package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.INVALID_VERSION_DATE;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Content negotiation of the versioned v2 API: the {@code Accept} header names a version date
 * ({@code application/vnd.atlas.YYYY-MM-DD+json}) and each operation serves the versions its spec
 * lists.
 *
 * <ul>
 *   <li>Versions per operation: the v2 OpenAPI spec with every version merged
 *       (mongodb/terraform-provider-mongodbatlas {@code
 *       tools/codegen/atlasapispec/raw-multi-version-api-spec.yml}): databaseUsers, getGroup,
 *       getGroupByName, getClusterStatus, listDataFederation and getDataFederation only 2023-01-01;
 *       listClusters and getCluster 2023-01-01, 2023-02-01 and 2024-08-05; flex clusters only
 *       2024-11-13; listStreamWorkspaces only 2023-02-01.
 *   <li>A later date resolves to the newest version on or before it: the spec's own curl samples
 *       send {@code 2025-03-12} to operations whose newest version is older. No MongoDB page states
 *       the rule in words.
 *   <li>No versioned Accept, or a date before the operation's first version: 406 {@code
 *       INVALID_VERSION_DATE} (see {@link ErrorCode#INVALID_VERSION_DATE} for its source).
 *   <li>Answers carry {@code application/vnd.atlas.<version>+json;charset=utf-8}: Atlas's answers
 *       as recorded in mongodb/mongodb-atlas-cli's e2e snapshots (test/e2e/.../.snapshots); error
 *       answers there are {@code application/json}.
 * </ul>
 */
final class ApiVersions {

  static final String JSON = "application/json";

  private static final Pattern VERSIONED =
      Pattern.compile("application/vnd\\.atlas\\.(\\d{4}-\\d{2}-\\d{2})\\+json");

  private static final List<String> ONLY_2023 = List.of("2023-01-01");
  private static final List<String> CLUSTERS = List.of("2023-01-01", "2023-02-01", "2024-08-05");
  private static final List<String> FLEX = List.of("2024-11-13");
  private static final List<String> STREAMS = List.of("2023-02-01");

  private ApiVersions() {}

  /** The versions an operation serves, oldest first. */
  static List<String> versions(ApiCall.Resource resource) {
    return switch (resource) {
      case CLUSTERS -> CLUSTERS;
      case FLEX_CLUSTERS -> FLEX;
      case STREAMS -> STREAMS;
      default -> ONLY_2023;
    };
  }

  /** The version a v2 request gets from its Accept header; INVALID_VERSION_DATE if none. */
  static String negotiate(ApiCall call, String accept) {
    String best = null;
    if (accept != null) {
      for (String part : accept.split(",")) {
        String resolved = resolve(call.resource(), part);
        if (resolved != null && (best == null || resolved.compareTo(best) > 0)) {
          best = resolved;
        }
      }
    }
    if (best == null) {
      throw new AtlasError(INVALID_VERSION_DATE);
    }
    return best;
  }

  /**
   * Checks the Content-Type of a v2 write. MongoDB's SDK sends the versioned type (SDK {@code
   * admin/api_database_users.go}); a versioned type whose date resolves to no version is refused
   * like such an Accept header. What Atlas does with {@code application/json} or no Content-Type is
   * unsourced: the emulator accepts them and reads the body as JSON (MALFORMED_JSON if it is not),
   * rather than invent an error code.
   */
  static void checkContentType(ApiCall call, String contentType) {
    if (contentType != null
        && VERSIONED.matcher(contentType).find()
        && resolve(call.resource(), contentType) == null) {
      throw new AtlasError(INVALID_VERSION_DATE);
    }
  }

  /** The Content-Type of a successful v2 answer in a version. */
  static String contentType(String version) {
    return "application/vnd.atlas." + version + "+json;charset=utf-8";
  }

  /** The newest version of the resource on or before the media type's date, or null. */
  private static String resolve(ApiCall.Resource resource, String mediaType) {
    Matcher m = VERSIONED.matcher(mediaType.trim());
    if (!m.lookingAt()) {
      return null;
    }
    try {
      LocalDate.parse(m.group(1));
    } catch (DateTimeParseException e) {
      return null;
    }
    String asked = m.group(1);
    String found = null;
    for (String version : versions(resource)) {
      if (version.compareTo(asked) <= 0) {
        found = version;
      }
    }
    return found;
  }
}
