package io.atlasoperator.benchmark;

import java.util.List;
import java.util.Map;

/**
 * One combination of API version and authentication.
 *
 * @param outcome "measured" or "failed"
 * @param notes what the reader must know to read the figures (e.g. a setting not honoured)
 * @param settings the operator's environment (no secrets: the Secret's name only)
 */
record RunResult(
    String api,
    String auth,
    String outcome,
    List<String> notes,
    Map<String, String> settings,
    List<StepResult> steps,
    double wallSeconds) {}
