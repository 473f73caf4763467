// Copy-paste snippets carry the real DSN and slug. `node --test`, run by DashboardScriptTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDsn, snippets } from '../../../../../functions/manage/src/main/resources/dashboard/snippets.js';

const dsn = 'http://e0ac86d819d99d4d625401966459ce3f@127.0.0.1:8787/5587090';
const config = { schedule_type: 'crontab', schedule: '30 2 * * *', checkin_margin: 5, max_runtime: 60, timezone: 'America/New_York', failure_issue_threshold: 2, recovery_threshold: 1 };

test('parseDsn_readsKeyHostAndProject', () => {
  assert.deepEqual(parseDsn(dsn), { scheme: 'http', publicKey: 'e0ac86d819d99d4d625401966459ce3f', host: '127.0.0.1:8787', projectId: '5587090', base: 'http://127.0.0.1:8787' });
  assert.equal(parseDsn('not a dsn'), null);
});

test('snippets_fillInTheDsnAndSlug_forEveryTool', () => {
  const list = snippets({ dsn, slug: 'nightly-backup', config });

  assert.deepEqual(list.map((s) => s.id), ['curl', 'python', 'node', 'java', 'sentry-cli']);
  const curl = list.find((s) => s.id === 'curl').code;
  assert.ok(curl.includes("'http://127.0.0.1:8787/api/5587090/cron/nightly-backup/e0ac86d819d99d4d625401966459ce3f/?status=in_progress'"));
  for (const s of list.filter((x) => x.id !== 'curl')) {
    assert.ok(s.code.includes(dsn), `${s.id} has the DSN`);
    assert.ok(s.code.includes('nightly-backup'), `${s.id} has the slug`);
  }
  assert.ok(list.find((s) => s.id === 'sentry-cli').code.includes("--schedule '30 2 * * *' --timezone 'America/New_York'"));
  assert.ok(list.find((s) => s.id === 'java').code.includes('MonitorSchedule.crontab("30 2 * * *")'));
});

test('snippets_keepTheCronExpressionIntact_inEverySnippet', () => {
  const list = snippets({ dsn, slug: 'twice-a-day', config: { ...config, schedule: '0 9,17 * * 1-5' } });

  for (const s of list.filter((x) => x.id !== 'curl')) assert.ok(s.code.includes('0 9,17 * * 1-5'), `${s.id}: ${s.code}`);
  assert.ok(list.find((s) => s.id === 'python').code.includes('monitor_config={"schedule":{"type":"crontab","value":"0 9,17 * * 1-5"}'));
});

test('snippets_useTheSdkIntervalForm_forIntervalMonitors', () => {
  const list = snippets({ dsn, slug: 'sync', config: { ...config, schedule_type: 'interval', schedule: [2, 'hour'] } });

  assert.ok(list.find((s) => s.id === 'node').code.includes('{"type":"interval","value":2,"unit":"hour"}'));
  assert.ok(list.find((s) => s.id === 'java').code.includes('MonitorSchedule.interval(2, MonitorScheduleUnit.HOUR)'));
});

test('parseDsn_neverThrows_andSnippetsAreNullForNonDsns', () => {
  fc.assert(fc.property(fc.string({ maxLength: 120 }), (text) => {
    const parsed = parseDsn(text);
    if (parsed === null) assert.equal(snippets({ dsn: text, slug: 'x', config }), null);
    else assert.ok(parsed.publicKey && parsed.projectId);
  }), { numRuns: 2000 });
});
