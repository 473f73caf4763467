package dev.cronmon.local;

import java.nio.file.Path;

/** What the local stack prints on start: where it is, the credentials, and a check-in to paste. */
final class Banner {
  private Banner() {}

  static String text(LocalStack stack, Path dataDir, long startMillis) {
    var c = stack.credentials();
    String base = stack.baseUri().toString();
    return """
        cronmon local stack is up on %s (started in %d ms)
          dashboard:     %s/ (sign in with the organization and API token below)
          data:          %s
          organization:  %s
          project id:    %s
          DSN:           %s
          API token:     %s

        Send a check-in (creates the monitor "my-job" on first use):
          curl -s -X POST %s/api/0/organizations/%s/monitors/my-job/checkins/ \\
            -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\
            -d '{"status":"ok","monitor_config":{"schedule":{"type":"crontab","value":"0 * * * *"}}}'

        See it:
          curl -s %s/api/0/organizations/%s/monitors/my-job/ -H 'Authorization: Bearer %s'

        Ctrl-C stops it; data and credentials survive restarts%s.
        """.formatted(base, startMillis, base,
        dataDir == null ? "in memory (gone when stopped)" : dataDir.toAbsolutePath() + " (credentials.json holds the above)",
        c.organization(), c.projectId(), stack.dsn(), c.token(),
        base, c.organization(), c.token(),
        base, c.organization(), c.token(),
        dataDir == null ? " only with --data-dir" : "");
  }
}
