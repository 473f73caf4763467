// Copy-paste instrumentation for one monitor, with its real DSN and slug. Pure: text in, text out.

/** {scheme, publicKey, host, projectId, base} of a DSN "https://<public_key>@<host>/<project_id>", or null. */
export function parseDsn(dsn) {
  const m = String(dsn || '').trim().match(/^(https?):\/\/([A-Za-z0-9]+)(?::[^@]*)?@([^/@\s]+)\/([0-9A-Za-z-]+)\/?$/);
  if (!m) return null;
  return { scheme: m[1], publicKey: m[2], host: m[3], projectId: m[4], base: `${m[1]}://${m[3]}` };
}

/** The SDK form of an API config (what `monitor_config` / an SDK's monitor config carries). */
function sdkSchedule(config) {
  return config.schedule_type === 'interval'
    ? { type: 'interval', value: config.schedule[0], unit: config.schedule[1] }
    : { type: 'crontab', value: config.schedule };
}

function shellQuote(value) {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/** The snippets, each {id, label, code}; null when the DSN is not a DSN. */
export function snippets({ dsn, slug, config }) {
  const d = parseDsn(dsn);
  if (!d) return null;
  const schedule = sdkSchedule(config);
  const cronUrl = `${d.base}/api/${d.projectId}/cron/${slug}/${d.publicKey}/`;
  const monitorConfig = {
    schedule, checkin_margin: config.checkin_margin, max_runtime: config.max_runtime, timezone: config.timezone,
    failure_issue_threshold: config.failure_issue_threshold, recovery_threshold: config.recovery_threshold,
  };
  // JSON of strings and numbers is also a Python dict literal.
  const pyConfig = JSON.stringify({ schedule, checkin_margin: config.checkin_margin, max_runtime: config.max_runtime, timezone: config.timezone });
  const javaSchedule = schedule.type === 'crontab'
    ? `MonitorSchedule.crontab(${JSON.stringify(schedule.value)})`
    : `MonitorSchedule.interval(${schedule.value}, MonitorScheduleUnit.${String(schedule.unit).toUpperCase()})`;
  const cliSchedule = schedule.type === 'crontab'
    ? ` \\\n  --schedule ${shellQuote(schedule.value)} --timezone ${shellQuote(config.timezone)} \\\n  --check-in-margin ${config.checkin_margin} --max-runtime ${config.max_runtime}`
    : '';
  return [
    {
      id: 'curl', label: 'curl',
      code: `# When the job starts:\ncurl -s ${shellQuote(`${cronUrl}?status=in_progress`)}\n`
        + `# When it finishes (status=error if it failed):\ncurl -s ${shellQuote(`${cronUrl}?status=ok`)}\n\n`
        + `# Or in one go, creating/updating the monitor from the job:\ncurl -s -X POST ${shellQuote(cronUrl)} \\\n`
        + `  -H 'Content-Type: application/json' \\\n  -d ${shellQuote(JSON.stringify({ status: 'ok', monitor_config: monitorConfig }))}`,
    },
    {
      id: 'python', label: 'Python',
      code: `import sentry_sdk\nfrom sentry_sdk.crons import monitor\n\nsentry_sdk.init(dsn=${JSON.stringify(dsn)})\n\n`
        + `@monitor(monitor_slug=${JSON.stringify(slug)}, monitor_config=${pyConfig})\ndef job():\n    ...  # your job`,
    },
    {
      id: 'node', label: 'Node.js',
      code: `const Sentry = require("@sentry/node");\n\nSentry.init({ dsn: ${JSON.stringify(dsn)} });\n\n`
        + `await Sentry.withMonitor(${JSON.stringify(slug)}, async () => {\n  // your job\n}, {\n`
        + `  schedule: ${JSON.stringify(schedule)},\n  checkinMargin: ${config.checkin_margin},\n  maxRuntime: ${config.max_runtime},\n`
        + `  timezone: ${JSON.stringify(config.timezone)},\n});`,
    },
    {
      id: 'java', label: 'Java',
      code: `import io.sentry.MonitorConfig;\nimport io.sentry.MonitorSchedule;\nimport io.sentry.MonitorScheduleUnit;\n`
        + `import io.sentry.Sentry;\nimport io.sentry.util.CheckInUtils;\n\n`
        + `Sentry.init(options -> options.setDsn(${JSON.stringify(dsn)}));\n\n`
        + `MonitorConfig config = new MonitorConfig(${javaSchedule});\nconfig.setCheckinMargin(${config.checkin_margin}L);\n`
        + `config.setMaxRuntime(${config.max_runtime}L);\nconfig.setTimezone(${JSON.stringify(config.timezone)});\n\n`
        + `CheckInUtils.withCheckIn(${JSON.stringify(slug)}, config, () -> {\n  runJob();\n  return null;\n});`,
    },
    {
      id: 'sentry-cli', label: 'sentry-cli',
      code: `SENTRY_DSN=${shellQuote(dsn)} \\\nsentry-cli monitors run ${slug}${cliSchedule} \\\n  -- ./your-job.sh`,
    },
  ];
}
