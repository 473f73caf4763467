package dev.cronmon.domain.incident;

import net.jqwik.api.ForAll;
import dev.cronmon.domain.alert.Events;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Property layer: whatever an SNS message holds, the reader answers an event or an IllegalArgumentException. */
class IncidentEventJsonProperties {

  @Property
  void reader_onlyEverThrowsIllegalArgument(@ForAll String message) {
    try {
      IncidentEventJson.fromSnsMessage(message);
    } catch (IllegalArgumentException expected) {
      // the one failure the handler expects
    }
  }

  @Property
  void reader_onTruncatedOrCorruptedEnvelopes_onlyEverThrowsIllegalArgument(
      @ForAll @IntRange(min = 0, max = 2000) int cut, @ForAll @IntRange(min = 0, max = 2000) int at, @ForAll char replacement) {
    String valid = IncidentEventJson.eventBridgeEnvelope(Events.opened("mon-1", "inc-1"), "000000000000", "us-east-1");
    String truncated = valid.substring(0, Math.min(cut, valid.length()));
    int i = Math.min(at, valid.length() - 1);
    String corrupted = valid.substring(0, i) + replacement + valid.substring(i + 1);
    for (String message : new String[] {truncated, corrupted}) {
      try {
        IncidentEventJson.fromSnsMessage(message);
      } catch (IllegalArgumentException expected) {
        // the one failure the handler expects
      }
    }
  }
}
