// End-to-end test of the dashboard in Debian's Chromium (headless, driven by playwright-core; no browser download),
// against a running local stack. Started by DashboardBrowserTest, which seeds history and passes, as environment:
//   CRONMON_URL, CRONMON_ORG, CRONMON_TOKEN, CRONMON_DSN, CRONMON_NOW (the stack's clock, ISO-8601),
//   CHROMIUM (executable), SCREENSHOT_DIR (where list.png, timeline.png, form.png go).
// Prints one JSON line {passed, skipped, failures, axe, unexpected} last and exits 1 when anything failed. `unexpected`
// lists the console errors and failed requests (status >= 400, or no answer) of the session outside the steps that
// provoke them on purpose (a wrong token, a refused form): a normal session has none.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const env = (name) => {
  if (!process.env[name]) throw new Error(`${name} is not set`);
  return process.env[name];
};
const BASE = env('CRONMON_URL');
const ORG = env('CRONMON_ORG');
const TOKEN = env('CRONMON_TOKEN');
const DSN = env('CRONMON_DSN');
const NOW = new Date(env('CRONMON_NOW'));
const SHOTS = env('SCREENSHOT_DIR');
const STEP_TIMEOUT_MS = 15000;
const COLOURS = { ok: 'rgb(30, 138, 76)', error: 'rgb(198, 47, 47)', missed: 'rgb(179, 98, 0)', timeout: 'rgb(122, 63, 192)', maintenance: 'rgb(15, 118, 110)' };

const result = { passed: [], skipped: [], failures: [], axe: {}, unexpected: [] };
const problems = [];
/** Set while a step provokes refusals on purpose: what fails then is the test's doing, not the page's. */
let provoking = false;
const unexpected = (what) => { if (!provoking) result.unexpected.push(what); };

async function step(name, fn) {
  try {
    const outcome = await fn();
    if (outcome === 'skipped') result.skipped.push(name);
    else result.passed.push(name);
  } catch (e) {
    result.failures.push(`${name}: ${e.message.split('\n')[0]}`);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function api(method, path, body) {
  const response = await fetch(`${BASE}/api/0/organizations/${ORG}${path}`, {
    method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  check(response.status < 300, `${method} ${path} answered ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** WCAG 2 A/AA rules of axe-core (labels, names, contrast, ARIA) on the page as it is. */
async function axe(page, name) {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  result.axe[name] = violations;
  check(violations.length === 0, `axe found ${violations.join('; ')}`);
}

/** Presses Tab until {@code predicate} holds for the focused element; the labels of what was passed on the way. */
async function tabUntil(page, predicate, max = 80, key = 'Tab') {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40), cls: el.getAttribute('class') || '' };
    });
    seen.push(focused);
    if (predicate(focused)) return seen;
  }
  throw new Error(`not reached by ${key} in ${max} presses: ${seen.map((f) => f.id || f.text).join(', ')}`);
}

const userDataDir = mkdtempSync(join(tmpdir(), 'cronmon-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1360, height: 900 },
  timezoneId: 'UTC',
  locale: 'en-GB',
});
context.setDefaultTimeout(STEP_TIMEOUT_MS);
// The page's clock is the stack's: "now", "last 24 h" and the tick positions agree with what the API stored.
await context.clock.setFixedTime(NOW);
const page = context.pages()[0] ?? await context.newPage();
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => {
  if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  if (m.type() === 'error') unexpected(`console error: ${m.text()} (${m.location().url ?? ''})`);
});
page.on('response', (r) => {
  if (r.status() >= 400) unexpected(`${r.request().method()} ${new URL(r.url()).pathname} answered ${r.status()}`);
});
page.on('requestfailed', (r) => unexpected(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));

try {
  await step('signIn_keepsTheTokenInSessionStorageOnly', async () => {
    await page.goto(`${BASE}/`);
    await axe(page, 'sign-in');
    await page.getByLabel('Organization').fill(ORG);
    provoking = true;
    await page.getByLabel('API token').fill('cronmon_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token is not accepted.').waitFor();
    provoking = false;
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Monitors', level: 1 }).waitFor();
    const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage), cookies: document.cookie }));
    check(stored.session.includes(TOKEN), 'token not in sessionStorage');
    check(!stored.local.includes(TOKEN) && !stored.cookies.includes(TOKEN), 'token leaked into localStorage or cookies');
  });

  await step('list_showsEachMonitorsScheduleInWords_andStatusAsColourAndText', async () => {
    await page.locator('table.monitors .tick').first().waitFor();
    const row = page.locator('tr[data-monitor="billing-sync"]').first();
    await row.getByText('Every 15 minutes, UTC').waitFor();
    const badge = row.locator('.badge').first();
    check((await badge.textContent()).trim() === 'Error', `billing-sync badge says ${await badge.textContent()}`);
    await page.locator('tr[data-monitor="nightly-db-backup"]').getByText('At 02:30, America/New_York').waitFor();
    await page.locator('tr[data-monitor="hourly-report"] .incident').waitFor({ state: 'detached' }).catch(() => {});
    await page.screenshot({ path: join(SHOTS, 'list.png'), fullPage: true });
    await axe(page, 'list');
  });

  await step('list_filtersByStatusEnvironmentAndName', async () => {
    await page.getByLabel('Status').selectOption('error');
    const errorRows = await page.locator('tbody tr[data-monitor]').evaluateAll((rows) => rows.map((r) => r.dataset.monitor));
    check(errorRows.length > 0 && errorRows.every((s) => s === 'billing-sync'), `status filter shows ${errorRows}`);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Environment').selectOption('staging');
    const staging = await page.locator('tbody tr[data-environment]').evaluateAll((rows) => rows.map((r) => r.dataset.environment));
    check(staging.length === 1 && staging[0] === 'staging', `environment filter shows ${staging}`);
    await page.getByLabel('Environment').selectOption('');
    await page.getByLabel('Search').fill('nightly');
    await page.getByText('1 of 4 monitors').waitFor();
    await page.getByLabel('Search').fill('');
  });

  await step('droppedCheckIns_showABannerOnTheListAndTheMonitor_andDismissDeletesThem', async () => {
    // Check-ins the cron endpoint answers 202 and drops: one for a monitor that does not exist, one with a bad status.
    const dsn = new URL(DSN);
    const cron = (slug, query) => fetch(`${BASE}/api${dsn.pathname}/cron/${slug}/${dsn.username}/?${query}`).then((r) => r.status);
    check(await cron('ghost-job', 'status=ok') === 202, 'the cron endpoint did not answer 202');
    check(await cron('billing-sync', 'status=bogus') === 202, 'the cron endpoint did not answer 202');
    // The list is showing: reload it once its own requests are done (a reload aborts requests still in flight).
    await page.waitForLoadState('networkidle');
    await page.reload();
    const listBanner = page.locator('.notice.dropped');
    await listBanner.getByText('1 check-in was dropped: monitor not found — create it or send monitor_config').waitFor();
    await listBanner.locator('code', { hasText: 'ghost-job' }).waitFor();
    await axe(page, 'list-with-dropped');
    await listBanner.getByRole('button', { name: 'Dismiss' }).click();
    await listBanner.waitFor({ state: 'detached' });
    const projectId = dsn.pathname.slice(1);
    const left = await fetch(`${BASE}/api/0/projects/${ORG}/${projectId}/processing-errors/`, { headers: { Authorization: `Bearer ${TOKEN}` } })
      .then((r) => r.json());
    check(left.length === 0, `dismissed errors are still listed: ${JSON.stringify(left)}`);

    await page.goto(`${BASE}/#/monitors/billing-sync`);
    const detailBanner = page.locator('.notice.dropped');
    await detailBanner.getByText('1 check-in was dropped: invalid check-in').waitFor();
    await detailBanner.getByRole('button', { name: 'Dismiss' }).click();
    await detailBanner.waitFor({ state: 'detached' });
    check((await api('GET', '/monitors/billing-sync/processing-errors/')).length === 0, 'the monitor still lists the dismissed error');
  });

  await step('owner_isSetInTheForm_shownOnTheMonitor_andFiltersTheList', async () => {
    await page.goto(`${BASE}/#/monitors/hourly-report/edit`);
    await page.getByLabel('Owner').fill('team:reports');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('p.owner', { hasText: 'team:reports' }).waitFor();
    check((await api('GET', '/monitors/hourly-report/')).owner?.name === 'team:reports', 'the API does not show the owner');
    await page.goto(`${BASE}/#/`);
    await page.getByLabel('Owner').selectOption('team:reports');
    const owned = await page.locator('tbody tr[data-monitor]').evaluateAll((rows) => [...new Set(rows.map((r) => r.dataset.monitor))]);
    check(owned.length === 1 && owned[0] === 'hourly-report', `owner filter shows ${owned}`);
    await page.getByLabel('Owner').selectOption('unassigned');
    const unowned = await page.locator('tbody tr[data-monitor]').evaluateAll((rows) => rows.map((r) => r.dataset.monitor));
    check(unowned.length > 0 && !unowned.includes('hourly-report'), `unassigned filter shows ${unowned}`);
    await page.getByLabel('Owner').selectOption('');
  });

  await step('maintenance_windowIsAddedOnItsPage_shownOnTheMonitorAndItsTimeline_andDeleted', async () => {
    await page.goto(`${BASE}/#/maintenance`);
    await page.getByRole('heading', { name: 'Maintenance windows', level: 1 }).waitFor();
    // The seeded one-off window over hourly-report's 01:00 slot: over now, and that slot is shown as in maintenance.
    await page.locator('table.maintenance tr', { hasText: 'Seeded upgrade' }).getByText('Over').waitFor();
    await page.getByLabel('Name').fill('Nightly patching');
    await page.getByLabel('Repeats').selectOption('recurring');
    await page.getByLabel('Starts (crontab)').fill('0 3 * * *');
    await page.getByLabel('Timezone').fill('Europe/Berlin');
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.getByLabel('Target').selectOption('monitors');
    await page.getByLabel('Applies to').fill('hourly-report');
    await page.getByRole('button', { name: 'Add window' }).click();
    const row = page.locator('table.maintenance tr', { hasText: 'Nightly patching' });
    await row.waitFor();
    check((await row.textContent()).includes('Europe/Berlin'), `the new window reads ${await row.textContent()}`);
    await axe(page, 'maintenance');
    await page.goto(`${BASE}/#/monitors/hourly-report`);
    await page.locator('p.maintenance-line', { hasText: 'Nightly patching' }).waitFor();
    const tick = page.locator('.timeline .tick[data-status="maintenance"]').first();
    await tick.waitFor();
    check(await tick.evaluate((el) => getComputedStyle(el).fill) === COLOURS.maintenance, 'a slot in maintenance is not drawn in its own colour');
    check((await tick.getAttribute('aria-label')).startsWith('In maintenance at '), 'a slot in maintenance is not labelled so');
    await page.goto(`${BASE}/#/maintenance`);
    await row.getByRole('button', { name: 'Delete Nightly patching' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete window' }).click();
    await row.waitFor({ state: 'detached' });
    check(!(await api('GET', '/maintenance-windows/')).some((w) => w.name === 'Nightly patching'), 'the window was not deleted');
  });

  await step('list_isKeyboardNavigable_fromSkipLinkToAMonitor', async () => {
    await page.goto(`${BASE}/#/`);
    await page.locator('table.monitors .tick').first().waitFor();
    // After a page renders, focus is on <main>: Shift+Tab walks back through the navigation to the skip link.
    const back = await tabUntil(page, (f) => f.cls.includes('skip-link'), 20, 'Shift+Tab');
    for (const link of ['Monitors', 'Add monitor', 'Alert channels']) check(back.some((f) => f.text === link), `Shift+Tab skipped ${link}`);
    await page.keyboard.press('Enter');
    check(await page.evaluate(() => document.activeElement.id) === 'main', 'the skip link does not move focus to the content');
    const seen = await tabUntil(page, (f) => f.tag === 'a' && f.text === 'nightly-db-backup');
    const ids = seen.map((f) => f.id);
    for (const id of ['filter-query', 'filter-project', 'filter-environment', 'filter-status']) check(ids.includes(id), `Tab skipped ${id}`);
    check(seen.some((f) => f.cls.includes('tick')), 'Tab does not reach a timeline');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'nightly-db-backup', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'production' }).focus();
    await page.keyboard.press('ArrowRight');
    check(await page.getByRole('tab', { name: 'staging' }).getAttribute('aria-selected') === 'true', 'ArrowRight does not select the next environment');
  });

  let created = false;
  await step('form_showsTheApisFieldError_forASixFieldCron_andWritesNothing', async () => {
    await page.getByRole('link', { name: 'Add monitor' }).first().click();
    await page.getByRole('heading', { name: 'Add monitor' }).waitFor();
    await page.getByLabel('Name').fill('Nightly backup');
    provoking = true;
    await page.getByLabel('Cron expression').fill('0 30 2 * * *');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    const error = page.locator('#cron-errors li');
    await error.waitFor();
    check((await error.textContent()) === 'Only 5 field crontab syntax is supported', `cron error is ${await error.textContent()}`);
    check(await page.getByLabel('Cron expression').getAttribute('aria-invalid') === 'true', 'crontab not marked invalid');
    check(await page.evaluate(() => document.activeElement.id) === 'cron', 'focus is not on the crontab');
    await page.locator('.preview-error').waitFor();
    await page.screenshot({ path: join(SHOTS, 'form-error.png'), fullPage: true });
    const monitors = await api('GET', '/monitors/');
    check(!monitors.some((m) => m.slug === 'nightly-backup'), 'a refused form created the monitor');
    await axe(page, 'form-with-errors');
  });
  provoking = false;

  await step('form_createsTheMonitor_withALivePreviewOfTheNextRuns', async () => {
    await page.getByLabel('Cron expression').fill('30 2 * * *');
    check(await page.locator('#cron-errors li').count() === 0, 'the old error stays after the cron was corrected');
    await page.getByLabel('Timezone').selectOption('America/New_York');
    await page.getByLabel('Check-in margin (minutes)').fill('5');
    await page.locator('.preview-words', { hasText: 'At 02:30, America/New_York' }).waitFor();
    const runs = await page.locator('.preview-list li').allTextContents();
    // The stack's "now" is 3 March 2026; New York springs forward on the 8th, when 02:30 does not exist (cron fires at 03:00).
    check(runs.length === 5 && runs.slice(0, 4).every((r) => r.includes('02:30:00')) && runs[4].startsWith('8 Mar 2026, 03:00:00'),
      `preview shows ${runs}`);
    await page.screenshot({ path: join(SHOTS, 'form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Nightly backup', level: 1 }).waitFor();
    const monitor = await api('GET', '/monitors/nightly-backup/');
    check(monitor.config.schedule === '30 2 * * *' && monitor.config.timezone === 'America/New_York' && monitor.config.checkin_margin === 5,
      `stored config ${JSON.stringify(monitor.config)}`);
    created = true;
  });

  await step('timeline_showsTicksInTheirStatusColours_afterCheckInsOverHttp', async () => {
    check(created, 'the monitor was not created');
    await page.getByText('No check-ins yet').waitFor();
    await api('POST', '/monitors/nightly-backup/checkins/', { status: 'in_progress' });
    await api('PUT', '/monitors/nightly-backup/checkins/latest/', { status: 'ok', duration: 4200 });
    await api('POST', '/monitors/nightly-backup/checkins/', { status: 'error', duration: 900 });
    await page.reload();
    const ok = page.locator('.timeline .tick[data-status="ok"]');
    const error = page.locator('.timeline .tick[data-status="error"]');
    await ok.waitFor();
    await error.waitFor();
    check(await ok.evaluate((el) => getComputedStyle(el).fill) === COLOURS.ok, 'ok tick is not green');
    check(await error.evaluate((el) => getComputedStyle(el).fill) === COLOURS.error, 'error tick is not red');
    check(await page.locator('.durations .bar').count() === 2, 'the duration chart does not have a bar per run');
    check((await page.locator('.facts .badge').first().textContent()).trim() === 'Error', 'environment state is not Error');
  });

  await step('timeline_showsTimeDurationAndStatus_onFocus_andArrowsWalkTheTicks', async () => {
    // Both runs were received in the same second (the stack's clock stands still): which tick comes first is the id's.
    const expected = { OK: 'duration 4.2 s', Error: 'duration 900 ms' };
    const tooltip = page.locator('.timeline-figure.large .tooltip');
    await page.locator('.timeline .tick[tabindex="0"]').focus();
    const last = await tooltip.textContent();
    await page.keyboard.press('ArrowLeft');
    const first = await tooltip.textContent();
    check(await page.evaluate(() => document.activeElement.getAttribute('tabindex')) === '0', 'the arrow key did not move the tab stop');
    const seen = [first, last].map((text) => Object.keys(expected).find((status) => text.startsWith(`${status} at `)));
    check(seen.includes('OK') && seen.includes('Error'), `tooltips say ${first} / ${last}`);
    for (const text of [first, last]) {
      const status = Object.keys(expected).find((st) => text.startsWith(`${st} at `));
      check(text.includes('3 Mar 2026') && text.includes(expected[status]), `tooltip says ${text}`);
    }
  });

  await step('detail_fillsTheSnippetsWithTheRealDsnAndSlug', async () => {
    const dsn = page.getByLabel('DSN');
    if (!(await dsn.inputValue())) {
      await dsn.fill(DSN);
      await dsn.press('Enter');
      await dsn.dispatchEvent('change');
    }
    const { publicKey, projectId } = DSN.match(/\/\/(?<publicKey>[^@]+)@[^/]+\/(?<projectId>.+)$/).groups;
    const curl = await page.locator('code[data-snippet="curl"]').textContent();
    check(curl.includes(`/api/${projectId}/cron/nightly-backup/${publicKey}/?status=in_progress`), `curl snippet is ${curl}`);
    await page.getByRole('tab', { name: 'Python' }).click();
    check((await page.locator('code[data-snippet="python"]').textContent()).includes(`monitor_slug="nightly-backup"`), 'python snippet lacks the slug');
  });

  await step('detail_showsThePingUrl_andExpandsACheckInsOutput_asTextNeverMarkup', async () => {
    const url = (await page.locator('code[data-ping="url"]').textContent()).trim();
    check(/\/ping\/[0-9a-f-]{36}$/.test(url), `ping URL is ${url}`);
    check((await page.locator('code[data-ping="crontab"]').textContent()).includes(`--data-raw "$m" ${url}/$?`), 'crontab line lacks the ping URL');
    // A job that exits 1 and prints what would be markup in a page.
    const ping = await fetch(`${url}/1`, { method: 'POST', body: '<img src=x onerror="window.pwned=1">\ncopied 0 files' });
    check(ping.status === 200 && (await ping.text()) === 'OK', `the ping answered ${ping.status}`);
    await page.reload();
    // Check-ins of one instant (the stack's clock stands still) are listed in id order: find the one with output.
    const row = page.locator('.history tbody tr', { has: page.locator('button[data-action="output"]') }).first();
    const button = row.locator('button[data-action="output"]');
    await button.waitFor();
    const facts = (await row.locator('td.run-facts').textContent()).trim();
    check(facts === 'exit 1 · exited with status 1', `the history says ${facts}`);
    await button.click();
    const output = page.locator('pre.job-output');
    await output.waitFor();
    check((await output.textContent()) === '<img src=x onerror="window.pwned=1">\ncopied 0 files', `output shows ${await output.textContent()}`);
    check(await page.locator('pre.job-output img').count() === 0 && !(await page.evaluate(() => window.pwned)), 'the output became markup');
    check(await button.getAttribute('aria-expanded') === 'true', 'the button does not say it is expanded');
    await button.click();
    check(await page.locator('pre.job-output').count() === 0, 'the output did not collapse');
  });

  await step('timeline_screenshot', async () => {
    await page.goto(`${BASE}/#/monitors/hourly-report`);
    await page.locator('.timeline-figure.large .tick').first().waitFor();
    await page.locator('.timeline-figure.large .tick[tabindex="0"]').focus();
    await page.screenshot({ path: join(SHOTS, 'timeline.png') });
    // The sweeper marked one skipped hour missed, the other (in the seeded maintenance window) in maintenance, and the
    // run that never finished timed out.
    const missed = page.locator('.timeline-figure.large .tick[data-status="missed"]');
    const timeout = page.locator('.timeline-figure.large .tick[data-status="timeout"]');
    const maintenance = page.locator('.timeline-figure.large .tick[data-status="maintenance"]');
    check(await missed.count() === 1, `${await missed.count()} missed ticks`);
    check(await maintenance.count() === 1, `${await maintenance.count()} ticks in maintenance`);
    check(await timeout.count() === 1, `${await timeout.count()} timeout ticks`);
    check(await missed.first().evaluate((el) => getComputedStyle(el).fill) === COLOURS.missed, 'missed tick is not amber');
    check(await timeout.first().evaluate((el) => getComputedStyle(el).fill) === COLOURS.timeout, 'timeout tick is not purple');
    check(await page.locator('.timeline-figure.large .gap').count() === 0, 'a slot with a missed check-in is drawn as a gap');
    await axe(page, 'detail');
  });

  await step('snooze_oneClickForAnHour_showsUntilWhen_andTheApiAgrees', async () => {
    await page.goto(`${BASE}/#/monitors/nightly-backup`);
    await page.getByRole('heading', { name: 'Nightly backup', level: 1 }).waitFor();
    const envName = (await api('GET', '/monitors/nightly-backup/')).environments[0].name;
    const group = page.getByRole('group', { name: 'Snooze the environment' });
    await group.getByRole('button', { name: '1 h', exact: true }).click();
    await page.getByRole('button', { name: `Unmute ${envName}`, exact: true }).waitFor();
    await page.locator('.snoozed', { hasText: 'snoozed until' }).first().waitFor();
    const env = (await api('GET', '/monitors/nightly-backup/')).environments.find((e) => e.name === envName);
    check(env.isMuted, 'the API does not say the environment is muted');
    const hours = (Date.parse(env.mutedUntil) - NOW.getTime()) / 3600e3;
    check(hours > 0.9 && hours < 1.1, `snoozed for ${hours} h, not 1 h`);
    await axe(page, 'snoozed');
    await page.getByRole('button', { name: `Unmute ${envName}`, exact: true }).click();
    await page.getByRole('group', { name: 'Snooze the environment' }).waitFor();
    check(!(await api('GET', '/monitors/nightly-backup/')).environments.find((e) => e.name === envName).isMuted, 'unmute left it muted');
  });

  await step('mute_asksForConfirmation_thenShowsMuted', async () => {
    await page.goto(`${BASE}/#/monitors/nightly-backup`);
    await page.getByRole('heading', { name: 'Nightly backup', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    check(!(await api('GET', '/monitors/nightly-backup/')).isMuted, 'cancel muted the monitor');
    await page.getByRole('button', { name: 'Mute', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mute', exact: true }).click();
    await page.getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    await page.locator('.subtitle .badge', { hasText: 'Muted' }).waitFor();
    check((await api('GET', '/monitors/nightly-backup/')).isMuted, 'the API does not say muted');
  });

  await step('monitor_editDisableAndDelete_withConfirmation', async () => {
    await page.goto(`${BASE}/#/monitors/nightly-backup`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit Nightly backup' }).waitFor();
    await page.getByLabel('Interval').check();
    await page.getByLabel('Every', { exact: true }).fill('2');
    await page.getByLabel('Unit').selectOption('hour');
    await page.locator('.preview-words', { hasText: 'Every 2 hours' }).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.subtitle', { hasText: 'Every 2 hours' }).waitFor();
    const edited = await api('GET', '/monitors/nightly-backup/');
    check(JSON.stringify(edited.config.schedule) === '[2,"hour"]', `stored schedule ${JSON.stringify(edited.config.schedule)}`);

    await page.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
    await page.locator('.subtitle .badge', { hasText: 'Disabled' }).waitFor();
    check((await api('GET', '/monitors/nightly-backup/')).status === 'disabled', 'the API does not say disabled');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete monitor' }).click();
    await page.getByRole('heading', { name: 'Monitors', level: 1 }).waitFor();
    check(!(await api('GET', '/monitors/')).some((m) => m.slug === 'nightly-backup'), 'the monitor was not deleted');
  });

  await step('channels_addsAWebhook_andSendsATest', async () => {
    await page.getByRole('link', { name: 'Alert channels' }).click();
    await page.getByRole('heading', { name: 'Alert channels', level: 1 }).waitFor();
    // The webhook's receiver: a recording server on loopback (the stack must allow private alert targets).
    const received = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(200).end('ok');
      });
    });
    await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      await page.getByLabel('Type').selectOption('webhook');
      await page.getByLabel('Name').fill('Ops webhook');
      await page.getByLabel('Webhook URL').fill(`http://127.0.0.1:${receiver.address().port}/cronmon`);
      await page.getByRole('button', { name: 'Add channel' }).click();
      const refused = page.locator('#channel-target-errors li');
      await Promise.race([page.locator('table.channels th', { hasText: 'Ops webhook' }).waitFor(), refused.waitFor()]);
      check(await refused.count() === 0, `the channel was refused: ${await refused.allTextContents()} (start the stack with ALLOW_PRIVATE_ALERT_TARGETS=true)`);
      await page.getByText(/Signing secret \(shown once\)/).waitFor();
      await page.getByRole('button', { name: 'Send test to Ops webhook' }).click();
      await page.locator('.action-status', { hasText: 'Test delivered to Ops webhook.' }).waitFor();
      check(received.length === 1, `the receiver got ${received.length} requests`);
      check(/t=\d+,v1=[0-9a-f]+/.test(received[0].headers['cronmon-signature'] ?? ''), 'the test notification is not signed');
      await page.locator('tr[data-channel] .delivery', { hasText: 'Delivered' }).waitFor();
      await axe(page, 'channels');
    } finally {
      receiver.close();
    }
  });

  await step('page_runsUnderTheContentSecurityPolicy_withoutErrors', async () => {
    check(problems.length === 0, problems.join('; '));
  });

  await step('session_leavesNoConsoleErrors_andNoFailedRequests', async () => {
    // Sign-in probes no routes, and a monitor without an alert rule reads it as {"configured": false}, not a 404.
    check(result.unexpected.length === 0, result.unexpected.join('; '));
  });
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}

console.log(JSON.stringify(result));
process.exit(result.failures.length ? 1 : 0);
