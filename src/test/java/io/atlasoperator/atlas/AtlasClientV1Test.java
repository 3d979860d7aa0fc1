package io.atlasoperator.atlas;

/** Every client test of {@link AtlasClientTest} again, on the legacy v1.0 API. */
class AtlasClientV1Test extends AtlasClientTest {

  @Override
  AtlasApi api() {
    return AtlasApi.V1_0;
  }
}
