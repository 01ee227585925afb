/**
 * The {@code vigil} command line: one class per subcommand, each a thin layer that reads
 * files, calls vigil-core, and prints text or {@code --json}.
 */
package io.vigil.cli;
