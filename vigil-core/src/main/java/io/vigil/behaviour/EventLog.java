package io.vigil.behaviour;

import java.util.List;

/**
 * Events read from one source: each has a time, text fields (user, host, ip, action, status,
 * ...) and numeric fields (bytes, duration, ...), stored by column for speed.
 *
 * @param source the file name, for messages
 * @param textFields names of the text columns, in order
 * @param numericFields names of the numeric columns, in order
 * @param times event times in epoch milliseconds, ascending
 * @param text {@code text[i][f]} is text field f of event i
 * @param numbers {@code numbers[i][f]} is numeric field f of event i
 */
public record EventLog(String source, List<String> textFields, List<String> numericFields,
    long[] times, String[][] text, double[][] numbers) {

  public EventLog {
    textFields = List.copyOf(textFields);
    numericFields = List.copyOf(numericFields);
    if (text.length != times.length || numbers.length != times.length) {
      throw new IllegalArgumentException("one time, text row and number row per event");
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] < times[i - 1]) {
        throw new IllegalArgumentException("events must be in time order");
      }
    }
  }

  /** Number of events. */
  public int size() {
    return times.length;
  }

  /** The index of text field {@code name}, or −1. */
  public int textIndex(String name) {
    return textFields.indexOf(name);
  }
}
