package io.vigil.cli;

import io.vigil.server.security.ApiTokens;
import io.vigil.server.security.Role;
import io.vigil.server.store.sql.SqlStores;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code vigil token create|list|revoke}: the API tokens of a data directory. Once one exists,
 * {@code vigil serve} on that directory asks every request for a token (within a minute if it
 * is running), and may listen on addresses other than 127.0.0.1.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens (each with a role: viewer, writer,"
        + " operator, admin).",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class,
        TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: create, list or revoke");
  }

  /** What every subcommand does with the store. */
  static ApiTokens tokens(SqlStores store) {
    return new ApiTokens(store.tokens(), System::currentTimeMillis);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token and print it once: it is stored only as a slow hash.")
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StoreOptions store;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "Who or what will use it (recorded; unique).")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "viewer (read), writer (send points and events), operator (silences,"
            + " feedback), admin (models, everything).")
    String role;

    @Override
    public Integer call() {
      Role r = Role.of(role);
      try (SqlStores s = store.open()) {
        String token = tokens(s).create(name, r);
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        spec.commandLine().getErr().println("token " + name + " (" + r.label() + ") created;"
            + " it is not shown again. Send it as: Authorization: Bearer <token>");
        return 0;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the tokens (names, roles, dates; never the secrets).")
  static final class ListTokens implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (SqlStores s = store.existing()) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-24s %-9s %-24s %s%n", "name", "role", "created", "revoked");
        for (ApiTokens.Token t : tokens(s).list()) {
          out.printf(Locale.ROOT, "%-24s %-9s %-24s %s%n", t.name(), t.role().label(),
              io.vigil.series.Timestamps.format(t.createdMs()), t.revoked()
                  ? io.vigil.series.Timestamps.format(t.revokedMs()) : "");
        }
        out.flush();
        return 0;
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a token by name (a running service stops taking it within a"
          + " minute).")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin StoreOptions store;

    @CommandLine.Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Override
    public Integer call() {
      try (SqlStores s = store.existing()) {
        if (!tokens(s).revoke(name)) {
          throw new IllegalArgumentException("no valid token named '" + name + "'");
        }
        spec.commandLine().getOut().println("revoked " + name);
        return 0;
      }
    }
  }
}
