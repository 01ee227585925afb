package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAndAuditCommandTest {
  @TempDir Path dir;

  @Test
  void tokensAreCreatedOnce_listedWithoutSecrets_andRevoked() {
    Cli.Result created = Cli.run("token", "create", "--name", "ci", "--role", "writer",
        "--data-dir", dir.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    String token = created.out().strip();
    assertThat(token).matches("vgl_1_[A-Za-z0-9_-]{43}");
    Cli.Result list = Cli.run("token", "list", "--data-dir", dir.toString());
    assertThat(list.out()).contains("ci", "writer").doesNotContain(token.substring(6));
    assertThat(Cli.run("token", "create", "--name", "ci", "--role", "admin", "--data-dir",
        dir.toString()).err()).contains("a token named 'ci' exists");
    assertThat(Cli.run("token", "create", "--name", "x", "--role", "root", "--data-dir",
        dir.toString()).err()).contains("no role 'root'");
    assertThat(Cli.run("token", "revoke", "ci", "--data-dir", dir.toString()).exitCode())
        .isZero();
    assertThat(Cli.run("token", "revoke", "ci", "--data-dir", dir.toString()).exitCode())
        .isEqualTo(1);
    Cli.Result typo = Cli.run("token", "list", "--data-dir", dir.resolve("nope").toString());
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).contains("no Vigil data directory");
    assertThat(dir.resolve("nope")).doesNotExist();
    assertThat(Cli.run("audit", "verify", "--data-dir", dir.resolve("nope").toString()).err())
        .contains("no Vigil data directory");
  }

  @Test
  void tokensAndTheAuditLog_ofAServiceOnPostgres() {
    String url = io.vigil.server.TestPostgres.freshDatabaseUrl();
    Cli.Result created = Cli.run("token", "create", "--name", "ops", "--role", "admin",
        "--store", url);
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(Cli.run("token", "list", "--store", url).out()).contains("ops", "admin");
    // the tokens are in the database, not in a data directory
    assertThat(dir.resolve("vigil-data")).doesNotExist();
    try (SqlStores s = SqlStores.open(io.vigil.server.store.StoreLocation.parse(url, null), dir,
        0)) {
      assertThat(s.tokens().tokens()).extracting(t -> t.name()).containsExactly("ops");
      s.audit().append(1, "token:ops", "admin", "POST", "/api/v1/silences", "127.0.0.1", 201);
    }
    Cli.Result verified = Cli.run("audit", "verify", "--store", url);
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("audit log intact: 1 rows");
    assertThat(Cli.run("token", "revoke", "ops", "--store", url).exitCode()).isZero();
  }

  @Test
  void auditVerify_findsTheRowAfterADeletedOne() throws Exception {
    try (SqlStores s = SqlStores.open(dir)) {
      var audit = s.audit();
      for (int i = 0; i < 3; i++) {
        audit.append(1_700_000_000_000L + i, "alice", "admin", "POST", "/api/v1/silences",
            "127.0.0.1", 201);
      }
    }
    Cli.Result whole = Cli.run("audit", "verify", "--data-dir", dir.toString());
    assertThat(whole.exitCode()).isZero();
    assertThat(whole.out()).contains("audit log intact: 3 rows");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve(SqlStores.SQLITE_FILE)); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM audit_log WHERE id = 2");
    }
    Cli.Result broken = Cli.run("audit", "verify", "--data-dir", dir.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err()).contains("broken at row 3");
  }
}
