package io.vigil.behaviour;

import io.vigil.series.DataFormatException;
import io.vigil.series.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges every entity's recent events against its own baseline ({@link HabitFindings}) and its
 * recent behaviour against its peers' ({@link PeerFindings}), and ranks the entities by the
 * summed surprise of their findings.
 *
 * <p>The baseline is every event before the recent period; an entity's habits are only judged
 * once it has {@link BehaviourOptions#minBaselineEvents} of them, and an entity with none is
 * reported as new. Scores are surprises ({@code −log₁₀} of a probability, see {@link
 * Finding}) so findings of different kinds add up on one scale.
 */
public final class BehaviourAnalysis {

  /** The ranked result. */
  public record Report(String entityField, String peerField, long baselineFrom,
      long recentFrom, long until, int entities, List<EntityBehaviour> ranked) {

    /** The first {@code top} entities with something unusual (score above 0). */
    public List<EntityBehaviour> unusual(int top) {
      return ranked.stream().filter(e -> e.score() > 0).limit(top).toList();
    }

    /** The report as Vigil writes it in JSON, of a log of {@code events} events. */
    public Summary summary(int events, int top) {
      return new Summary(entityField, peerField, Timestamps.format(baselineFrom),
          Timestamps.format(recentFrom), Timestamps.format(until), events, entities,
          unusual(top));
    }
  }

  /**
   * A report as the command line's {@code --json} and the API give it: times in RFC 3339 and
   * only the entities with something unusual.
   */
  public record Summary(String entityField, String peerField, String baselineFrom,
      String recentFrom, String until, int events, int entities,
      List<EntityBehaviour> ranked) {}

  private BehaviourAnalysis() {}

  /**
   * Analyses {@code log}.
   *
   * @throws DataFormatException when the entity or peer field is not one of the log's text
   *     fields
   */
  public static Report analyse(EventLog log, BehaviourOptions options) {
    int entity = requireTextField(log, options.entityField());
    int peer = options.peerField() == null ? -1 : requireTextField(log, options.peerField());
    long until = log.times()[log.size() - 1];
    long recentFrom = until - options.recent().toMillis();
    Map<String, List<Integer>> baseline = new LinkedHashMap<>();
    Map<String, List<Integer>> recent = new LinkedHashMap<>();
    for (int i = 0; i < log.size(); i++) {
      String e = log.text()[i][entity];
      if (e == null) {
        continue;
      }
      (log.times()[i] > recentFrom ? recent : baseline)
          .computeIfAbsent(e, k -> new ArrayList<>()).add(i);
    }
    Population population = Population.of(log, baseline, entity);
    HabitFindings habits = new HabitFindings(log, options, entity, peer, population,
        log.times()[0], recentFrom);
    Map<String, List<Finding>> findings = new HashMap<>();
    Map<String, String> groups = new HashMap<>();
    for (Map.Entry<String, List<Integer>> e : recent.entrySet()) {
      List<Integer> own = baseline.getOrDefault(e.getKey(), List.of());
      findings.put(e.getKey(), new ArrayList<>(habits.judge(own, e.getValue())));
      groups.put(e.getKey(), peer < 0 ? "all" : options.peerField() + "="
          + PeerFindings.mostCommon(log, e.getValue(), peer));
    }
    PeerFindings.judge(log, recent, groups, entity, peer).forEach((name, list) ->
        findings.get(name).addAll(list));
    List<EntityBehaviour> ranked = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : recent.entrySet()) {
      List<Finding> list = findings.get(e.getKey());
      list.sort(Comparator.comparingDouble(Finding::score).reversed());
      double score = list.stream().mapToDouble(Finding::score).sum();
      ranked.add(new EntityBehaviour(e.getKey(), groups.get(e.getKey()), score,
          baseline.getOrDefault(e.getKey(), List.of()).size(), e.getValue().size(), list));
    }
    ranked.sort(Comparator.comparingDouble(EntityBehaviour::score).reversed()
        .thenComparing(EntityBehaviour::entity));
    return new Report(options.entityField(), options.peerField(), log.times()[0], recentFrom,
        until, ranked.size(), List.copyOf(ranked));
  }

  private static int requireTextField(EventLog log, String field) {
    int index = log.textIndex(field);
    if (index < 0) {
      String why = log.numericFields().contains(field) ? "it is numeric, not a name"
          : "no such field";
      throw new DataFormatException(log.source(), 0, field, why + "; text fields: "
          + String.join(", ", log.textFields()));
    }
    return index;
  }

  /** How many baseline entities used each value of each text field. */
  record Population(List<Map<String, Integer>> entitiesUsing) {
    static Population of(EventLog log, Map<String, List<Integer>> baseline, int entity) {
      List<Map<String, Integer>> using = new ArrayList<>();
      for (int f = 0; f < log.textFields().size(); f++) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<Integer> events : baseline.values()) {
          Set<String> values = new HashSet<>();
          for (int i : events) {
            String v = log.text()[i][f];
            if (v != null) {
              values.add(v);
            }
          }
          values.forEach(v -> counts.merge(v, 1, Integer::sum));
        }
        using.add(counts);
      }
      return new Population(using);
    }

    int entitiesUsing(int field, String value) {
      return entitiesUsing.get(field).getOrDefault(value, 0);
    }
  }
}
