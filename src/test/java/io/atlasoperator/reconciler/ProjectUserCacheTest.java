package io.atlasoperator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atlasoperator.domain.ApiKey;
import io.atlasoperator.domain.AtlasCredentials;
import io.atlasoperator.domain.AtlasFailure;
import io.atlasoperator.domain.AtlasUsers;
import io.atlasoperator.domain.DatabaseUser;
import io.atlasoperator.domain.Password;
import io.atlasoperator.domain.UserKey;
import io.atlasoperator.emulator.EmulatorClock;
import io.atlasoperator.testing.TestUsers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shared list of a project's users: read once, reused, and never lost to a failed re-read. */
class ProjectUserCacheTest {

  static final String PROJECT = "5356823b3794dee37132bb7b";
  static final ApiKey KEY = new ApiKey("public", "private");
  static final DatabaseUser APP = TestUsers.user("app").project(PROJECT).build();

  /** Lists APP, or fails as a spent budget does, and counts its lists. */
  static final class ListOnly implements AtlasUsers {
    int lists;
    boolean throttled;

    @Override
    public List<DatabaseUser> list(AtlasCredentials credentials, String projectId) {
      lists++;
      if (throttled) {
        throw new AtlasFailure(
            AtlasFailure.Kind.RATE_LIMITED, "budget spent", null, Duration.ofSeconds(30), null);
      }
      return List.of(APP);
    }

    @Override
    public Optional<DatabaseUser> get(AtlasCredentials credentials, UserKey user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<DatabaseUser> create(
        AtlasCredentials credentials, DatabaseUser user, Password password) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<DatabaseUser> update(
        AtlasCredentials credentials, DatabaseUser user, Password password) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(AtlasCredentials credentials, UserKey user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void aFailedShorterLivedReadLeavesTheLastListInPlaceForEveryoneElse() {
    ListOnly atlas = new ListOnly();
    EmulatorClock clock = new EmulatorClock();
    ProjectUserCache cache = new ProjectUserCache(atlas, clock, Duration.ofMinutes(5));
    assertThat(cache.find(KEY, APP.key())).contains(APP);
    assertThat(cache.find(KEY, APP.key())).contains(APP);
    assertThat(atlas.lists).isEqualTo(1);

    clock.advance(Duration.ofSeconds(40));
    atlas.throttled = true;
    assertThatThrownBy(() -> cache.find(KEY, APP.key(), Duration.ofSeconds(30)))
        .isInstanceOf(AtlasFailure.class);

    assertThat(cache.find(KEY, APP.key()))
        .as("a reconcile within the resync still sees the user, not an empty project")
        .contains(APP);
    assertThat(atlas.lists).isEqualTo(2);
  }
}
