package io.vigil.series;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one CSV file. Readers check the whole file before failing, and the
 * error names the first problem ({@code file:line: column 'x': problem}) and how many more
 * there are, so one run shows the extent of the damage.
 */
public final class CsvProblems {
  private static final int LISTED = 5;
  private final String source;
  private final List<Long> laterLines = new ArrayList<>();
  private long firstLine;
  private String firstColumn;
  private String firstProblem;
  private int count;

  public CsvProblems(String source) {
    this.source = source;
  }

  public void add(long line, String column, String problem) {
    if (count++ == 0) {
      firstLine = line;
      firstColumn = column;
      firstProblem = problem;
    } else if (laterLines.size() < LISTED) {
      laterLines.add(line);
    }
  }

  public void throwIfAny() {
    if (count == 0) {
      return;
    }
    String problem = firstProblem;
    if (count > 1) {
      StringBuilder lines = new StringBuilder();
      for (long l : laterLines) {
        lines.append(lines.length() == 0 ? "" : ", ").append(l);
      }
      if (count - 1 > laterLines.size()) {
        lines.append(", ...");
      }
      problem += "; and " + (count - 1) + " more problem" + (count > 2 ? "s" : "")
          + " (line" + (count > 2 ? "s " : " ") + lines + ")";
    }
    throw new DataFormatException(source, firstLine, firstColumn, problem);
  }
}
