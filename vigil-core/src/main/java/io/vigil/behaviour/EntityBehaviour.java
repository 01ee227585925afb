package io.vigil.behaviour;

import java.util.List;

/**
 * An entity's verdict: its findings, strongest first, and their summed score.
 *
 * @param entity the entity's value (a pseudonym when identifiers are hashed)
 * @param peerGroup the group it was compared with, e.g. {@code role=dba}, or {@code all}
 * @param score the sum of the findings' scores; 0 when nothing is unusual
 * @param baselineEvents events in the baseline period
 * @param recentEvents events in the recent period
 */
public record EntityBehaviour(String entity, String peerGroup, double score, int baselineEvents,
    int recentEvents, List<Finding> findings) {

  public EntityBehaviour {
    findings = List.copyOf(findings);
  }
}
