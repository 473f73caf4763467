package dev.cronmon.local;

import java.nio.file.Path;

/**
 * What the local stack prints on start: where it is, the credentials, and a check-in and a ping to paste. Every URL in it
 * is the stack's public URL, so what it prints works from wherever jobs and browsers reach cronmon.
 */
final class Banner {
  private Banner() {}

  static String text(LocalStack stack, Path dataDir, long startMillis) {
    var c = stack.credentials();
    String base = stack.publicUrl().toString().replaceAll("/+$", "");
    String pingKey = stack.services().store().pingKeyOfProject(c.projectId()).map(k -> k.key()).orElse(null);
    return """
        cronmon local stack is up on %s (started in %d ms)
          listening on:  %s
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

        Or ping it as healthchecks.io is pinged (with the project's ping key; %s):
          curl -fsS -m 10 --retry 5 %s/ping/%s/my-job

        Every minute the sweeper marks missed and timed-out check-ins and logs them (JSON lines).

        Get alerts on a webhook (the answer shows its signing secret once; %s), then route my-job's incidents to it:
          curl -s -X POST %s/api/0/organizations/%s/channels/ \\
            -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\
            -d '{"name":"my webhook","type":"webhook","config":{"url":"%s"}}'
          curl -s -X PUT %s/api/0/organizations/%s/monitors/my-job/alert-rule/ \\
            -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' -d '{"channels":["<channel id>"]}'

        Ctrl-C stops it; data and credentials survive restarts%s.
        """.formatted(base, startMillis, stack.listeningOn(), base,
        dataDir == null ? "in memory (gone when stopped)" : dataDir.toAbsolutePath() + " (credentials.json holds the above)",
        c.organization(), c.projectId(), stack.dsn(), c.token(),
        base, c.organization(), c.token(),
        base, c.organization(), c.token(),
        pingKey == null ? "POST /api/0/projects/" + c.organization() + "/default/ping-keys/ makes one" : "?create=1 makes a new slug's monitor",
        base, pingKey == null ? "<ping-key>" : pingKey,
        stack.allowsLoopbackAlerts() ? "http and 127.0.0.1 URLs are allowed (--allow-loopback-alerts)"
            : "https to public hosts only; start with --allow-loopback-alerts for a receiver on this machine",
        base, c.organization(), c.token(),
        stack.allowsLoopbackAlerts() ? "http://127.0.0.1:9000/hook" : "https://example.com/cronmon-hook",
        base, c.organization(), c.token(),
        dataDir == null ? " only with --data-dir" : "");
  }
}
