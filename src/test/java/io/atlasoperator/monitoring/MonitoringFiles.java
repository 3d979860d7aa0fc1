package io.atlasoperator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerts and the Grafana dashboard the chart ships, and the PromQL in them: which metrics and
 * labels they read, so tests can hold them against what the operator serves.
 */
public final class MonitoringFiles {

  public static final Path ALERTS = Path.of("helm/atlas-operator/files/alerts.yaml");
  public static final Path DASHBOARD = Path.of("helm/atlas-operator/files/grafana-dashboard.json");

  /** Our metrics, JOSDK's and the JVM's: the names the queries may read. */
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:atlas_operator|operator_sdk|jvm)_[a-z0-9_]+)(\\{[^}]*})?");

  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!~|!=|=)");
  private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

  /**
   * Labels Prometheus adds when it scrapes (or a histogram's buckets carry): not the operator's.
   */
  private static final Set<String> NOT_SERVED = Set.of("pod", "namespace", "job", "instance", "le");

  private MonitoringFiles() {}

  /** Each alert's name and expression, in file order. */
  public static Map<String, String> alerts() {
    Map<String, String> alerts = new LinkedHashMap<>();
    for (JsonNode group : read(ALERTS, new ObjectMapper(new YAMLFactory())).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.put(rule.path("alert").asText(), rule.path("expr").asText());
      }
    }
    return alerts;
  }

  /**
   * Each dashboard query, keyed "panel title / refId", with Grafana's {@code $__rate_interval}
   * replaced by a fixed range so that Prometheus can parse it.
   */
  public static Map<String, String> dashboardQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put(
            panel.path("title").asText() + " / " + target.path("refId").asText(),
            target.path("expr").asText().replace("$__rate_interval", "5m"));
      }
    }
    return queries;
  }

  public static JsonNode dashboard() {
    return read(DASHBOARD, new ObjectMapper());
  }

  /** Every query of both files. */
  public static List<String> allQueries() {
    List<String> all = new ArrayList<>(alerts().values());
    all.addAll(dashboardQueries().values());
    return all;
  }

  /**
   * Metric name to the labels the queries select or group it by (scrape labels left out). A {@code
   * by} clause counts for every metric of its query.
   */
  public static Map<String, Set<String>> metricsAndLabels() {
    Map<String, Set<String>> used = new LinkedHashMap<>();
    for (String query : allQueries()) {
      List<String> names = new ArrayList<>();
      Matcher metric = METRIC.matcher(query);
      while (metric.find()) {
        names.add(metric.group(1));
        Set<String> labels = used.computeIfAbsent(metric.group(1), n -> new TreeSet<>());
        if (metric.group(2) != null) {
          Matcher matcher = MATCHER.matcher(metric.group(2));
          while (matcher.find()) {
            labels.add(matcher.group(1));
          }
        }
      }
      Matcher by = BY.matcher(query);
      while (by.find()) {
        for (String label : by.group(1).split(",")) {
          names.forEach(n -> used.get(n).add(label.trim()));
        }
      }
    }
    used.values().forEach(labels -> labels.removeAll(NOT_SERVED));
    return used;
  }

  /**
   * What the queries read that {@code exposition} (a /metrics answer in Prometheus's text format)
   * does not serve: a metric name, or "name{label}" for a label none of its series carries.
   */
  public static List<String> notServedBy(String exposition) {
    List<String> missing = new ArrayList<>();
    metricsAndLabels()
        .forEach(
            (name, labels) -> {
              List<String> series =
                  exposition
                      .lines()
                      .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                      .toList();
              if (series.isEmpty()) {
                missing.add(name);
              }
              for (String label : labels) {
                Pattern carried = Pattern.compile("[{,]" + label + "=\"");
                if (!series.isEmpty()
                    && series.stream().noneMatch(l -> carried.matcher(l).find())) {
                  missing.add(name + "{" + label + "}");
                }
              }
            });
    return missing;
  }

  private static JsonNode read(Path file, ObjectMapper mapper) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
