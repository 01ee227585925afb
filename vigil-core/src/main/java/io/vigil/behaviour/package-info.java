/**
 * Behavioural analysis of entities (users, hosts, applications) from event logs: each
 * entity's habits (rates, hours, the values it uses) learnt from a baseline period, the
 * recent period judged against them and against the entity's peers, with reasons in words.
 */
package io.vigil.behaviour;
