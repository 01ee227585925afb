package io.vigil.cli;

import io.vigil.server.security.AuditStore;
import io.vigil.server.store.sql.SqlStores;
import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code vigil audit verify}: whether a data directory's audit log is whole. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Check the audit log of a data directory.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: verify");
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recompute the audit log's hash chain. Exit status 0 when it holds, 1"
          + " naming the first row that was edited, inserted or follows a deleted one.",
          "Rows deleted from the end leave a whole chain: compare the last hash printed with"
              + " one kept elsewhere."})
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (SqlStores s = store.existing()) {
        List<AuditStore.AuditEntry> rows = s.audit().all();
        OptionalLong broken = AuditStore.firstBroken(rows);
        if (broken.isPresent()) {
          throw new IllegalArgumentException("the audit log is broken at row "
              + broken.getAsLong() + ": it was edited, or a row before it was deleted or"
              + " inserted");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("audit log intact: " + rows.size() + " rows" + (rows.isEmpty() ? ""
            : ", last hash " + rows.get(rows.size() - 1).hash()));
        out.flush();
        return 0;
      }
    }
  }
}
