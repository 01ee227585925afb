/** Where the server keeps series, points, assessments, anomalies and detector checkpoints. */
package io.vigil.server.store;
