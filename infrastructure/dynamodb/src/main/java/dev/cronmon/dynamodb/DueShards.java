package dev.cronmon.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The partitions of the {@code due} index: an environment's is a stable hash (CRC-32) of its monitor id and name,
 * modulo their count. Writers and the sweeper must agree on the count; changing it for a live table needs every
 * environment rewritten (or the sweeper to read the old partitions too until then).
 */
record DueShards(int count) {
  DueShards {
    if (count < 1) throw new IllegalArgumentException("dueShards must be at least 1");
  }

  int of(String monitorId, String environment) {
    CRC32 crc = new CRC32();
    crc.update((monitorId + "#" + environment).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % count);
  }

  String key(String monitorId, String environment) {
    return key(of(monitorId, environment));
  }

  static String key(int shard) {
    return "DUE#" + shard;
  }
}
