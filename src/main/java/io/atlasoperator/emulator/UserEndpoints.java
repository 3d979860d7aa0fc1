package io.atlasoperator.emulator;

import static io.atlasoperator.emulator.ErrorCode.MALFORMED_JSON;
import static io.atlasoperator.emulator.ErrorCode.NOT_IN_GROUP;
import static io.atlasoperator.emulator.ErrorCode.RESOURCE_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.USERNAME_NOT_FOUND;
import static io.atlasoperator.emulator.ErrorCode.USER_ALREADY_EXISTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The databaseUsers operations (list, create, get, update, delete), the same on v1.0 and v2 and on
 * the same state: a user created through one version is the user the other reads. Every successful
 * create, update and delete is a user write of its project (see {@link ProjectState#changeStatus}).
 */
final class UserEndpoints {

  /** An answer before it is written: status and body (null for none). */
  record Answer(int status, JsonNode body) {}

  private final AtlasEmulator emulator;
  private final UserViews views;

  UserEndpoints(AtlasEmulator emulator) {
    this.emulator = emulator;
    this.views = new UserViews(emulator);
  }

  Answer answer(ApiCall call, String principal, byte[] requestBody) {
    synchronized (emulator) {
      ProjectState project = emulator.project(call.projectId());
      if (project == null || !project.allows(principal)) {
        throw new AtlasError(NOT_IN_GROUP);
      }
      Instant now = emulator.clock().instant();
      project.removeExpired(now);
      if (call.username() == null) {
        return switch (call.method()) {
          case "GET" -> new Answer(200, views.page(call, project));
          case "POST" -> new Answer(201, create(call, project, requestBody, now));
          default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
        };
      }
      String key = ProjectState.key(call.databaseName(), call.username());
      ObjectNode user = project.users.get(key);
      if (user == null) {
        throw new AtlasError(USERNAME_NOT_FOUND, call.username());
      }
      return switch (call.method()) {
        case "GET" -> new Answer(200, views.view(call.prefix(), project.id, user));
        case "PATCH" -> {
          JsonNode body = readJson(requestBody);
          ObjectNode updated =
              UserRules.patch(
                  user,
                  applied(project, body),
                  project.id,
                  project.customRoles,
                  emulator.commonPasswords(),
                  now);
          project.users.put(key, updated);
          project.lastWrites.put(key, body);
          project.userWritten(now);
          yield new Answer(200, views.view(call.prefix(), project.id, updated));
        }
        case "DELETE" -> {
          project.users.remove(key);
          project.userWritten(now);
          yield new Answer(204, null);
        }
        default -> throw new AtlasError(RESOURCE_NOT_FOUND, call.decodedPath());
      };
    }
  }

  /**
   * A create answers, in this order (the emulator's choice; Atlas publishes none): the request's
   * own 400s ({@link UserRules#create}), 409 USER_ALREADY_EXISTS for a name taken, then 403
   * GROUP_USERS_LIMIT_EXCEEDED when the project is full; a refused create stores nothing.
   */
  private JsonNode create(ApiCall call, ProjectState project, byte[] requestBody, Instant now) {
    JsonNode body = readJson(requestBody);
    ObjectNode user =
        UserRules.create(
            applied(project, body),
            project.id,
            project.customRoles,
            emulator.commonPasswords(),
            now);
    String key = ProjectState.key(user.get("databaseName").asText(), user.get("username").asText());
    if (project.users.containsKey(key)) {
      throw new AtlasError(USER_ALREADY_EXISTS, user.get("username").asText());
    }
    emulator.projects.checkRoomForUser(project);
    project.users.put(key, user);
    project.lastWrites.put(key, body);
    project.userWritten(now);
    return views.view(call.prefix(), project.id, user);
  }

  /** The request without the fields the emulator was told to ignore on writes. */
  private static JsonNode applied(ProjectState project, JsonNode body) {
    if (!body.isObject() || project.ignoredOnWrite.isEmpty()) {
      return body;
    }
    ObjectNode copy = ((ObjectNode) body).deepCopy();
    copy.remove(project.ignoredOnWrite);
    return copy;
  }

  private static JsonNode readJson(byte[] body) {
    try {
      return Optional.ofNullable(Responder.JSON.readTree(body))
          .orElseThrow(() -> new AtlasError(MALFORMED_JSON));
    } catch (JsonProcessingException e) {
      throw new AtlasError(MALFORMED_JSON);
    } catch (IOException e) {
      throw new AtlasError(MALFORMED_JSON);
    }
  }
}
