/**
 * What every store shares, whatever keeps it: failures ({@link StoreException}), health,
 * behaviour events and retention. The records and store interfaces of each concept live in
 * the package that owns it (series, points and checkpoints in {@code engine}, model versions
 * in {@code registry}, alerts in {@code alert}, labels and training jobs in {@code model},
 * hosts' rows in {@code host}, tokens and the audit log in {@code security}); the SQL that
 * keeps them all is in {@code store.sql}, reached only through its factory.
 */
package io.vigil.server.store;
