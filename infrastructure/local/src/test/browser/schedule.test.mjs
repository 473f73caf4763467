// Unit and property tests of the dashboard's schedule phrasing (no browser): `node --test`, run by DashboardScriptTest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeConfig, describeCron, describeInterval } from '../../../../../functions/manage/src/main/resources/dashboard/schedule.js';

test('describeConfig_saysTimeAndZone_forADailyCrontab', () => {
  assert.equal(describeConfig({ schedule_type: 'crontab', schedule: '0 2 * * *', timezone: 'America/New_York' }), 'At 02:00, America/New_York');
});

test('describeConfig_saysEveryTwoHours_forAnInterval', () => {
  assert.equal(describeConfig({ schedule_type: 'interval', schedule: [2, 'hour'], timezone: 'UTC' }), 'Every 2 hours');
  assert.equal(describeInterval(1, 'day'), 'Every day');
  assert.equal(describeInterval(2, 'constructor'), 'Every 2 constructor');
});

test('describeCron_phrasesCommonSchedules', () => {
  const cases = {
    '* * * * *': 'Every minute',
    '*/5 * * * *': 'Every 5 minutes',
    '0 * * * *': 'Every hour',
    '30 * * * *': 'Every hour at minute 30',
    '0 */2 * * *': 'Every 2 hours',
    '@daily': 'At 00:00',
    '@weekly': 'At 00:00, only on Sunday',
    '0 9 * * 1-5': 'At 09:00, only on Monday through Friday',
    '0 9,17 * * MON-FRI': 'At 09:00 and 17:00, only on Monday through Friday',
    '15 3 1 * *': 'At 03:15, on day 1 of the month',
    '0 0 1 * 1': 'At 00:00, on day 1 of the month or on Monday',
  };
  for (const [cron, words] of Object.entries(cases)) assert.equal(describeCron(cron), words, cron);
});

test('describeCron_fallsBackToTheExpression_whenItIsNotFiveFields', () => {
  assert.equal(describeCron('0 0 2 * * *'), 'Cron "0 0 2 * * *"');
  assert.equal(describeCron('@reboot'), 'Cron "@reboot"');
});

const number = (min, max) => fc.integer({ min, max }).map(String);
const fieldOf = (min, max) => fc.oneof(
  fc.constant('*'),
  number(min, max),
  fc.integer({ min: 1, max: max - min + 1 }).map((n) => `*/${n}`),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.array(number(min, max), { minLength: 2, maxLength: 4 }).map((l) => l.join(',')),
);
const validCron = fc.tuple(fieldOf(0, 59), fieldOf(0, 23), fieldOf(1, 31), fieldOf(1, 12), fieldOf(0, 6)).map((f) => f.join(' '));

test('describeCron_givesASentence_forEveryValidCrontab', () => {
  fc.assert(fc.property(validCron, (cron) => {
    const words = describeCron(cron);
    assert.ok(words.length > 0);
    assert.ok(!words.startsWith('Cron "'), `not phrased: ${cron}`);
    assert.ok(!/undefined|NaN|null/.test(words), `${cron} → ${words}`);
  }), { numRuns: 2000 });
});

test('describeConfig_neverThrows_forAnyJsonTheApiCouldSend', () => {
  fc.assert(fc.property(fc.jsonValue(), fc.constantFrom('crontab', 'interval', 'other'), fc.jsonValue(), (schedule, type, tz) => {
    const words = describeConfig({ schedule_type: type, schedule, timezone: typeof tz === 'string' ? tz : undefined });
    assert.equal(typeof words, 'string');
  }), { numRuns: 2000 });
  fc.assert(fc.property(fc.string({ maxLength: 60 }), (cron) => {
    assert.equal(typeof describeCron(cron), 'string');
  }), { numRuns: 2000 });
});
