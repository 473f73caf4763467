// One monitor: its environments as tabs (timeline, durations, history), incidents, config, alert rule, snippets.
import { routes, session } from './api.js';
import { h, clear } from './dom.js';
import { droppedBanner } from './errors.js';
import { dateTime, duration, relative } from './format.js';
import { checkInsSince } from './list.js';
import { describeConfig } from './schedule.js';
import { snippets } from './snippets.js';
import { legend, renderTimeline, shownStatus, zoomById, zoomControl } from './timeline.js';
import { badge, brokenText, confirmDialog, copyButton, environmentState, notice, tabs } from './ui.js';

const HISTORY_PAGE = 20;
const DETAIL_CHECKIN_PAGES = 10;
const MAX_SLOTS = 100;
const view = { zoom: '24h', environment: null };

export async function detailPage(context, slug) {
  const { api } = context;
  const [monitor, dropped, windows] = await Promise.all([
    api.get(routes.monitor(api.org, slug)),
    api.get(routes.monitorErrors(api.org, slug)).catch(() => []),
    api.get(routes.maintenanceWindows(api.org), { monitor: slug }).catch(() => []),
  ]);
  const page = h('article', { class: 'detail', 'aria-labelledby': 'monitor-title' });
  const status = h('div', { class: 'action-status', role: 'status' });
  page.append(
    h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('a', { href: '#/' }, 'Monitors'), ' › ', monitor.name),
    h('div', { class: 'page-head' },
      h('div', {},
        h('h1', { id: 'monitor-title' }, monitor.name),
        h('p', { class: 'subtitle' }, h('code', { class: 'slug' }, monitor.slug), ' · ', describeConfig(monitor.config), ' ',
          monitor.status === 'disabled' ? badge('disabled') : null, monitor.isMuted ? badge('muted') : null,
          snoozeText(monitor)),
        monitor.owner ? h('p', { class: 'owner' }, 'Owner: ', h('span', { dataset: { owner: monitor.owner.name } }, monitor.owner.name)) : null,
        maintenanceLine(windows)),
      actions(context, monitor, status)),
    status);
  const banner = droppedBanner(api, dropped, (e) => routes.monitorError(api.org, monitor.slug, e.id));
  if (banner) page.append(banner);
  if (monitor.configError) page.append(notice(`The last monitor_config sent with a check-in was not applied: ${monitor.configError}`, 'warning'));

  page.append(h('section', { 'aria-labelledby': 'environments-title' },
    h('h2', { id: 'environments-title' }, 'Environments'),
    monitor.environments.length === 0
      ? notice('No check-ins yet. Instrument the job with one of the snippets below; its first check-in creates the environment.')
      : tabs('Environments', monitor.environments.map((e) => ({
        id: e.name, label: e.name, render: () => environmentPanel(context, monitor, e, status),
      })), view.environment, (id) => { view.environment = id; })));
  page.append(await incidentsSection(context, monitor));
  page.append(configSection(monitor));
  if (monitor.ping) page.append(pingSection(context, monitor, status));
  page.append(await alertRuleSection(context, monitor));
  page.append(await snippetsSection(context, monitor));
  return page;
}

function actions(context, monitor, status) {
  const { api } = context;
  const update = async (body, done) => {
    try {
      await api.put(routes.monitor(api.org, monitor.slug), body);
      status.textContent = done;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      status.textContent = e.message;
    }
  };
  const muted = monitor.isMuted;
  const disabled = monitor.status === 'disabled';
  return h('div', { class: 'actions' },
    h('a', { href: `#/monitors/${encodeURIComponent(monitor.slug)}/edit`, class: 'button secondary' }, 'Edit'),
    h('button', {
      type: 'button', class: 'secondary', dataset: { action: muted ? 'unmute' : 'mute' },
      onclick: async () => {
        if (!muted && !await confirmDialog({
          title: `Mute ${monitor.name}?`, confirmLabel: 'Mute',
          body: 'Check-ins are still recorded and incidents still open, but no alert is sent until you unmute it.',
        })) return;
        update({ is_muted: !muted }, muted ? 'Unmuted.' : 'Muted.');
      },
    }, muted ? 'Unmute' : 'Mute'),
    muted ? null : snoozeButtons(context, 'monitor', SNOOZES, (until) => update({ mutedUntil: until }, 'Snoozed.')),
    h('button', {
      type: 'button', class: 'secondary', dataset: { action: disabled ? 'enable' : 'disable' },
      onclick: async () => {
        if (!disabled && !await confirmDialog({
          title: `Disable ${monitor.name}?`, confirmLabel: 'Disable',
          body: 'Its check-ins are refused and it is never marked missed until you enable it again.',
        })) return;
        update({ status: disabled ? 'active' : 'disabled' }, disabled ? 'Enabled.' : 'Disabled.');
      },
    }, disabled ? 'Enable' : 'Disable'),
    h('button', {
      type: 'button', class: 'danger', dataset: { action: 'delete' },
      onclick: async () => {
        if (!await confirmDialog({
          title: `Delete ${monitor.name}?`, confirmLabel: 'Delete monitor', danger: true,
          body: `The monitor "${monitor.slug}", its environments and its check-in history are deleted. This cannot be undone.`,
        })) return;
        try {
          await api.delete(routes.monitor(api.org, monitor.slug));
          location.hash = '#/';
        } catch (e) {
          status.textContent = e.message;
        }
      },
    }, 'Delete'));
}

function environmentPanel(context, monitor, environment, status) {
  const { api } = context;
  const now = context.now();
  const timeline = h('div', { class: 'timeline-slot' }, h('p', { class: 'muted-text' }, 'Loading check-ins…'));
  const stateSlot = h('dd', {});
  const panel = h('div', { class: 'environment-panel' },
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Status'), stateSlot),
      h('div', {}, h('dt', {}, 'Last check-in'), h('dd', {}, relative(environment.lastCheckIn, now), h('br'), h('small', {}, dateTime(environment.lastCheckIn)))),
      h('div', {}, h('dt', {}, 'Next expected'), h('dd', {}, monitor.status === 'disabled' ? '—' : relative(environment.nextCheckIn, now), h('br'),
        h('small', {}, environment.nextCheckInLatest ? `missed after ${dateTime(environment.nextCheckInLatest)}` : ''))),
      h('div', {}, h('dt', {}, 'Open incident'), h('dd', {}, environment.activeIncident
        ? `Since ${dateTime(environment.activeIncident.dateStarted)} · ${environment.activeIncident.failures} failure${environment.activeIncident.failures === 1 ? '' : 's'}${brokenText(environment.activeIncident)}`
        : 'None'))),
    environmentActions(context, monitor, environment, status),
    h('div', { class: 'timeline-head' }, h('h3', {}, 'Timeline'), zoomControl(view.zoom, (zoom) => { view.zoom = zoom.id; load(); })),
    timeline, legend(),
    history(context, monitor, environment));

  async function load() {
    const zoom = zoomById(view.zoom);
    const start = now - zoom.ms;
    clear(timeline).append(h('p', { class: 'muted-text' }, 'Loading check-ins…'));
    const [checkIns, slots] = await Promise.all([
      checkInsSince(api, monitor.slug, start, now, DETAIL_CHECKIN_PAGES).then((list) => list.filter((c) => c.environment === environment.name)),
      expectedSlots(context, monitor, environment, start, now),
    ]);
    clear(stateSlot).append(badge(environmentState(monitor, environment, checkIns)));
    if (monitor.isMuted || environment.isMuted) stateSlot.append(' ', badge('muted'));
    clear(timeline).append(renderTimeline({
      checkIns, slots: slots ?? [], start, end: now, withDurations: true, timeZone: monitor.config.timezone,
      label: `Check-ins of ${monitor.name} in ${environment.name}, last ${zoom.label}`,
    }));
    if (slots === null) timeline.append(h('p', { class: 'hint' }, 'Slots without a check-in are not marked at this range (too many slots, or an interval schedule).'));
  }
  load().catch((e) => clear(timeline).append(notice(e.message, 'error')));
  return panel;
}

/**
 * The schedule's slots in the window that should have had a check-in by now: after the environment's first check-in
 * and past their margin. Null when they cannot be drawn (interval schedules step from check-ins; too many slots).
 */
async function expectedSlots(context, monitor, environment, start, now) {
  if (monitor.config.schedule_type !== 'crontab') return null;
  const slots = await context.api.get(routes.schedulePreview(context.org), {
    scheduleType: 'crontab', cronSchedule: monitor.config.schedule, timezone: monitor.config.timezone,
    from: new Date(start - 60000).toISOString(), numTicks: MAX_SLOTS,
  }).catch(() => null);
  if (!slots || (slots.length === MAX_SLOTS && Date.parse(slots[slots.length - 1]) < now)) return null;
  const first = Date.parse(environment.dateCreated);
  const due = now - monitor.config.checkin_margin * 60000;
  return slots.filter((t) => Date.parse(t) > first && Date.parse(t) <= due);
}

/** One click each (docs/semantics.md rules N1–N3): a snooze lifts itself, so it needs no confirmation. */
const SNOOZES = [['1 h', 3600e3], ['8 h', 8 * 3600e3], ['1 day', 24 * 3600e3]];

function snoozeButtons(context, what, choices, send, untilResolved) {
  return h('span', { class: 'snooze', role: 'group', 'aria-label': `Snooze the ${what}` }, 'Snooze ',
    ...choices.map(([label, ms]) => h('button', {
      type: 'button', class: 'secondary small', dataset: { action: `snooze-${what}`, snooze: label },
      onclick: () => send(new Date(context.now() + ms).toISOString()),
    }, label)),
    untilResolved ? h('button', {
      type: 'button', class: 'secondary small', dataset: { action: `snooze-${what}`, snooze: 'resolved' },
      onclick: untilResolved,
    }, 'until resolved') : null);
}

/** " · snoozed until …" for a monitor or environment whose snooze still runs. */
function snoozeText(target) {
  if (target.mutedUntilResolved) return h('span', { class: 'snoozed' }, ' snoozed until the incident resolves');
  return target.mutedUntil ? h('span', { class: 'snoozed' }, ` snoozed until ${dateTime(target.mutedUntil)}`) : null;
}

function environmentActions(context, monitor, environment, status) {
  const { api } = context;
  const put = async (body) => {
    try {
      await api.put(routes.environment(api.org, monitor.slug, environment.name), body);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (e) {
      status.textContent = e.message;
    }
  };
  return h('div', { class: 'actions' },
    environment.isMuted ? snoozeText(environment) : snoozeButtons(context, 'environment', SNOOZES, (until) => put({ mutedUntil: until }),
      environment.activeIncident ? () => put({ mutedUntilResolved: true }) : null),
    h('button', {
      type: 'button', class: 'secondary small', dataset: { action: environment.isMuted ? 'unmute-environment' : 'mute-environment' },
      onclick: async () => {
        if (!environment.isMuted && !await confirmDialog({
          title: `Mute ${environment.name}?`, confirmLabel: 'Mute environment',
          body: `No alerts for ${monitor.name} in ${environment.name} until you unmute it.`,
        })) return;
        try {
          await api.put(routes.environment(api.org, monitor.slug, environment.name), { isMuted: !environment.isMuted });
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (e) {
          status.textContent = e.message;
        }
      },
    }, environment.isMuted ? `Unmute ${environment.name}` : `Mute ${environment.name}`),
    h('button', {
      type: 'button', class: 'danger small',
      onclick: async () => {
        if (!await confirmDialog({
          title: `Delete ${environment.name}?`, confirmLabel: 'Delete environment', danger: true,
          body: `The environment ${environment.name} of ${monitor.name} and its check-ins are deleted; the monitor stays.`,
        })) return;
        try {
          await api.delete(routes.monitor(api.org, monitor.slug), { environment: environment.name });
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (e) {
          status.textContent = e.message;
        }
      },
    }, `Delete ${environment.name}`));
}

/** What a check-in reported besides its status: "exit 3 · exited with status 3", or "". */
export function runFacts(c) {
  return [c.exitStatus === null || c.exitStatus === undefined ? null : `exit ${c.exitStatus}`, c.reason].filter(Boolean).join(' · ');
}

/** "12.3 kB" for an output's size in bytes, "(truncated)" when cronmon kept only its first and last half. */
export function outputSize(c) {
  const size = c.outputSize < 1000 ? `${c.outputSize} B` : `${(c.outputSize / 1000).toFixed(1)} kB`;
  return c.outputTruncated ? `${size}, truncated` : size;
}

/**
 * The button that expands a check-in's output in a row below it. The output is the API's escaped text, put in the page
 * as a text node: whatever the job printed, it is never markup.
 */
function outputToggle(context, monitor, c, row) {
  const { api } = context;
  let shown = null;
  const button = h('button', {
    type: 'button', class: 'secondary small', 'aria-expanded': 'false', dataset: { action: 'output', checkIn: c.id },
    onclick: async () => {
      if (shown) {
        shown.remove();
        shown = null;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      const cell = h('td', { colspan: 7 }, h('p', { class: 'muted-text' }, 'Loading output…'));
      shown = h('tr', { class: 'output-row' }, cell);
      row.after(shown);
      button.setAttribute('aria-expanded', 'true');
      try {
        const out = await api.get(routes.checkInOutput(api.org, monitor.slug, c.id));
        clear(cell).append(h('pre', { class: 'job-output', tabindex: 0, 'aria-label': `Output of check-in ${c.id.slice(0, 8)}` }, out.output),
          out.truncated ? h('p', { class: 'hint' }, `${out.size} bytes were sent; the first and the last part are kept.`) : null);
      } catch (e) {
        clear(cell).append(notice(e.message, 'error'));
      }
    },
  }, `Output (${outputSize(c)})`);
  return button;
}

/** The check-in history of one environment, newest first, a page at a time. */
function history(context, monitor, environment) {
  const { api } = context;
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const cursors = [null];
  let index = 0;
  async function show() {
    const { body: items, next } = await api.page(routes.checkIns(api.org, monitor.slug),
      { environment: environment.name, per_page: HISTORY_PAGE, cursor: cursors[index] });
    cursors[index + 1] = next;
    clear(body).append(...items.map((c) => {
      const output = h('td', {});
      const row = h('tr', { dataset: { status: c.status } },
        h('td', {}, badge(shownStatus(c))),
        h('td', {}, h('time', { datetime: c.dateCreated }, dateTime(c.dateCreated))),
        h('td', {}, c.expectedTime ? dateTime(c.expectedTime) : '—'),
        h('td', { class: 'number' }, duration(c.duration)),
        h('td', { class: 'run-facts' }, runFacts(c)),
        output,
        h('td', {}, h('code', { title: c.id }, c.id.slice(0, 8))));
      if (c.hasOutput) output.append(outputToggle(context, monitor, c, row));
      return row;
    }));
    if (!items.length) body.append(h('tr', {}, h('td', { colspan: 7 }, 'No check-ins.')));
    clear(pager).append(
      h('button', { type: 'button', class: 'secondary small', disabled: index === 0, onclick: () => { index--; show(); } }, 'Newer'),
      h('span', {}, `Page ${index + 1}`),
      h('button', { type: 'button', class: 'secondary small', disabled: !next, onclick: () => { index++; show(); } }, 'Older'));
  }
  show().catch((e) => body.append(h('tr', {}, h('td', { colspan: 7 }, e.message))));
  return h('section', { class: 'history', 'aria-label': `Check-in history of ${environment.name}` },
    h('h3', {}, 'Check-ins'),
    h('table', {}, h('thead', {}, h('tr', {}, ...['Status', 'Received', 'Expected slot', 'Duration', 'Exit / reason', 'Output', 'ID']
      .map((t) => h('th', { scope: 'col' }, t)))), body),
    pager);
}

async function incidentsSection(context, monitor) {
  const { api } = context;
  const section = h('section', { 'aria-labelledby': 'incidents-title' }, h('h2', { id: 'incidents-title' }, 'Incidents'));
  const incidents = await api.get(routes.incidents(api.org, monitor.slug)).catch(() => null);
  if (!incidents) {
    const open = monitor.environments.filter((e) => e.activeIncident);
    section.append(open.length
      ? h('ul', {}, ...open.map((e) => h('li', {}, `${e.name}: open since ${dateTime(e.activeIncident.dateStarted)}, ${e.activeIncident.failures} failure(s)`)))
      : h('p', {}, 'No open incident.'));
    return section;
  }
  if (!incidents.length) return section.append(h('p', {}, 'No incidents.')), section;
  section.append(h('table', { class: 'incidents' },
    h('thead', {}, h('tr', {}, ...['Environment', 'Started', 'Resolved', 'What failed'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...incidents.map((i) => h('tr', { dataset: { incident: i.id } },
      h('td', {}, i.environment ?? '—'),
      h('td', {}, dateTime(i.dateStarted)),
      h('td', {}, i.dateResolved ? dateTime(i.dateResolved) : h('span', { class: 'badge status-error' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Open')),
      h('td', {}, i.reason ?? `${Array.isArray(i.failures) ? i.failures.length : i.failures} failure(s)`))))));
  return section;
}

function configSection(monitor) {
  const c = monitor.config;
  const schedule = c.schedule_type === 'interval' ? `every ${c.schedule[0]} ${c.schedule[1]}(s)` : c.schedule;
  const row = (term, value) => h('div', {}, h('dt', {}, term), h('dd', {}, value));
  return h('section', { 'aria-labelledby': 'config-title' }, h('h2', { id: 'config-title' }, 'Configuration'),
    h('dl', { class: 'facts config' },
      row('Schedule', h('span', {}, describeConfig(c), h('br'), h('code', {}, schedule))),
      row('Timezone', c.timezone),
      row('Check-in margin', `${c.checkin_margin} min`),
      row('Max runtime', `${c.max_runtime} min`),
      row('Failures before an incident', String(c.failure_issue_threshold)),
      row('OKs before it resolves', String(c.recovery_threshold)),
      row('Minimum run time', c.min_runtime ? `${c.min_runtime} s` : 'None'),
      row('Project', monitor.project?.id ?? '—'),
      row('Created', dateTime(monitor.dateCreated))));
}

async function alertRuleSection(context, monitor) {
  const { api } = context;
  const section = h('section', { 'aria-labelledby': 'alert-rule-title' }, h('h2', { id: 'alert-rule-title' }, 'Alert rule'));
  // A monitor without a rule answers {"configured": false, "channels": [], …}: no failed request for the common case.
  const [rule, channels] = await Promise.all([
    api.get(routes.alertRule(api.org, monitor.slug)),
    api.get(routes.channels(api.org)).catch(() => []),
  ]);
  const ids = ruleChannelIds(rule);
  const names = new Map(channels.map((c) => [c.id, `${c.name} (${c.type})`]));
  const perEnvironment = Object.entries(rule?.environments ?? {});
  section.append(ids.length || perEnvironment.length
    ? h('ul', { class: 'alert-rule' }, ...ids.map((id) => h('li', {}, names.get(id) ?? id)),
      ...perEnvironment.map(([env, list]) => h('li', {}, `In ${env}: ${[].concat(list).map((id) => names.get(id) ?? id).join(', ')}`)))
    : h('p', {}, 'No rule: alerts go to the project\'s default channels.'),
  h('p', {}, h('a', { href: `#/monitors/${encodeURIComponent(monitor.slug)}/edit` }, 'Change the channels')));
  return section;
}

/** The channel ids of an alert rule, read tolerantly: {"channels": ["id"…]} or [{"id"…}]. */
export function ruleChannelIds(rule) {
  const channels = rule?.channels ?? rule?.channelIds ?? [];
  return channels.map((c) => (typeof c === 'string' ? c : c.id)).filter(Boolean);
}

/** healthchecks-style pinging: the monitor's ping URL and a crontab line to paste, and a new URL on demand. */
function pingSection(context, monitor, status) {
  const { api } = context;
  const ping = monitor.ping;
  const url = ping.url.startsWith('/') ? `${location.origin}${ping.url}` : ping.url;
  const crontab = ping.crontab.replace(ping.url, url);
  return h('section', { 'aria-labelledby': 'ping-title', class: 'ping' }, h('h2', { id: 'ping-title' }, 'Ping URL'),
    h('p', { class: 'hint' }, 'healthchecks.io\'s pinging API: add /start, /fail, /log or /<exit status>; POST the job\'s output.'),
    h('div', { class: 'snippet' }, copyButton(() => url, 'Copy the ping URL'), h('pre', { tabindex: 0 }, h('code', { dataset: { ping: 'url' } }, url))),
    h('p', {}, 'A crontab line that runs the job on this schedule and reports its exit status and output:'),
    h('div', { class: 'snippet' }, copyButton(() => crontab, 'Copy the crontab line'),
      h('pre', { tabindex: 0 }, h('code', { dataset: { ping: 'crontab' } }, crontab))),
    h('button', {
      type: 'button', class: 'secondary small', dataset: { action: 'rotate-ping-url' },
      onclick: async () => {
        if (!await confirmDialog({
          title: 'New ping URL?', confirmLabel: 'Make a new ping URL', danger: true,
          body: 'The current ping URL stops working at once: jobs that use it must get the new one.',
        })) return;
        try {
          await api.post(routes.rotatePingUrl(api.org, monitor.slug), {});
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (e) {
          status.textContent = e.message;
        }
      },
    }, 'New ping URL'));
}

async function snippetsSection(context, monitor) {
  const section = h('section', { 'aria-labelledby': 'snippets-title' }, h('h2', { id: 'snippets-title' }, 'Instrument your job'));
  const output = h('div', {});
  const dsnInput = h('input', { id: 'dsn', type: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: 'https://<public_key>@host/<project_id>' });
  const render = () => {
    const list = snippets({ dsn: dsnInput.value, slug: monitor.slug, config: monitor.config });
    clear(output);
    if (!list) {
      output.append(h('p', { class: 'hint' }, dsnInput.value ? 'That is not a DSN.' : 'Enter the DSN of this monitor\'s project to fill in the snippets.'));
      return;
    }
    session.setDsn(dsnInput.value.trim());
    output.append(tabs('Snippets', list.map((sn) => ({
      id: sn.id, label: sn.label,
      render: () => h('div', { class: 'snippet' }, copyButton(() => sn.code, `Copy the ${sn.label} snippet`), h('pre', { tabindex: 0, 'aria-label': `${sn.label} snippet` }, h('code', { dataset: { snippet: sn.id } }, sn.code))),
    }))));
  };
  dsnInput.value = await projectDsn(context, monitor) ?? session.dsn();
  dsnInput.addEventListener('change', render);
  section.append(h('div', { class: 'field' }, h('label', { for: 'dsn' }, 'DSN'), dsnInput,
    h('p', { class: 'hint' }, 'The DSN of this monitor\'s project; the local stack prints it when it starts.')), output);
  render();
  return section;
}

/** The first active DSN key of the monitor's project, where the server lists keys. */
async function projectDsn(context, monitor) {
  if (!monitor.project?.id) return null;
  try {
    const keys = await context.api.get(routes.projectKeys(context.org, monitor.project.id));
    const key = keys.find((k) => k.isActive !== false && !k.revoked);
    return key ? (typeof key.dsn === 'string' ? key.dsn : key.dsn?.public) ?? null : null;
  } catch {
    return null;
  }
}

/** One line when a maintenance window applies to the monitor now or next (the API lists the soonest first). */
function maintenanceLine(windows) {
  const next = windows.find((w) => w.period);
  if (!next) return null;
  const when = next.active ? `now, until ${dateTime(next.period.end)}` : `next from ${dateTime(next.period.start)} to ${dateTime(next.period.end)}`;
  return h('p', { class: 'maintenance-line' }, badge('maintenance'), ' ', h('a', { href: '#/maintenance' }, next.name), ` — ${when}`);
}
