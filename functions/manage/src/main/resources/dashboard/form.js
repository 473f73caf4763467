// Add or edit a monitor. The API validates (its field errors are shown under the fields); the page only previews.
import { ApiError, routes } from './api.js';
import { h, clear } from './dom.js';
import { dateTime } from './format.js';
import { describeConfig } from './schedule.js';
import { ruleChannelIds } from './detail.js';
import { clearErrorsOnInput, field, showErrors } from './ui.js';

const UNITS = ['minute', 'hour', 'day', 'week', 'month', 'year'];
const PREVIEW_TICKS = 5;
const PREVIEW_DELAY_MS = 250;

/** Every IANA zone the browser knows, UTC first (some browsers leave it out of the list). */
export function timeZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

export async function formPage(context, slug) {
  const { api } = context;
  const [monitor, projects, channels, rule] = await Promise.all([
    slug ? api.get(routes.monitor(api.org, slug)) : null,
    !slug ? api.get(routes.projects(api.org)).catch(() => null) : null,
    api.get(routes.channels(api.org)).catch(() => []),
    slug ? api.get(routes.alertRule(api.org, slug)).catch(() => null) : null,
  ]);
  const c = monitor?.config ?? { schedule_type: 'crontab', schedule: '0 * * * *', checkin_margin: 1, max_runtime: 30, timezone: 'UTC', failure_issue_threshold: 1, recovery_threshold: 1 };
  const number = (name, value, min, max) => h('input', { name, type: 'number', inputmode: 'numeric', min, max, step: 1, value, required: true });

  const name = h('input', { name: 'name', value: monitor?.name ?? '', required: true, maxlength: 128, autocomplete: 'off' });
  const owner = h('input', { name: 'owner', value: monitor?.owner?.name ?? '', maxlength: 254, autocomplete: 'off', spellcheck: 'false',
    placeholder: 'team:backend or dana@example.com' });
  const slugInput = h('input', { name: 'slug', value: monitor?.slug ?? '', maxlength: 50, autocomplete: 'off', spellcheck: 'false', pattern: '[a-z0-9_\\-]+' });
  const project = projects?.length > 1 ? h('select', { name: 'project' }, ...projects.map((p) => h('option', { value: p.id }, p.name || p.slug || p.id))) : null;
  const status = h('select', { name: 'status' },
    h('option', { value: 'active', selected: monitor?.status !== 'disabled' }, 'Active'),
    h('option', { value: 'disabled', selected: monitor?.status === 'disabled' }, 'Disabled'));
  const typeRadio = (value, label) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'schedule_type', value, checked: c.schedule_type === value }), ' ', label);
  const scheduleType = h('fieldset', { class: 'field', dataset: { errorKeys: 'config.schedule_type' } },
    h('legend', {}, 'Schedule type'), typeRadio('crontab', 'Crontab'), typeRadio('interval', 'Interval'),
    h('ul', { class: 'field-errors', id: 'schedule-type-errors' }));
  const cron = h('input', { name: 'cron', value: c.schedule_type === 'crontab' ? c.schedule : '0 * * * *', spellcheck: 'false', autocomplete: 'off', class: 'mono' });
  const intervalValue = number('interval_value', c.schedule_type === 'interval' ? c.schedule[0] : 1, 1, undefined);
  const intervalUnit = h('select', { name: 'interval_unit' },
    ...UNITS.map((u) => h('option', { value: u, selected: c.schedule_type === 'interval' && c.schedule[1] === u }, `${u}(s)`)));
  const timezone = h('select', { name: 'timezone' }, ...timeZones().map((z) => h('option', { value: z, selected: z === c.timezone }, z)));
  if (![...timezone.options].some((o) => o.selected) && c.timezone) timezone.prepend(h('option', { value: c.timezone, selected: true }, c.timezone));
  const margin = number('checkin_margin', c.checkin_margin, 1, 40320);
  const maxRuntime = number('max_runtime', c.max_runtime, 1, 40320);
  const failures = number('failure_issue_threshold', c.failure_issue_threshold, 1, 720);
  const recoveries = number('recovery_threshold', c.recovery_threshold, 1, 720);
  const minRuntime = number('min_runtime', c.min_runtime ?? '', 0, 2419200);
  const chosen = new Set(ruleChannelIds(rule));
  const channelBoxes = channels.map((ch) => h('label', { class: 'checkbox' },
    h('input', { type: 'checkbox', name: 'channel', value: ch.id, checked: chosen.has(ch.id) }), ` ${ch.name} (${ch.type})`));

  const cronField = field({ id: 'cron', label: 'Cron expression', control: cron, errorKeys: ['config.schedule'],
    hint: '5 fields (minute hour day-of-month month day-of-week), or @hourly, @daily, @weekly, @monthly, @yearly.' });
  const intervalField = h('div', { class: 'field-row' },
    field({ id: 'interval-value', label: 'Every', control: intervalValue, errorKeys: ['config.schedule'] }),
    field({ id: 'interval-unit', label: 'Unit', control: intervalUnit }));
  const summary = h('div', { class: 'form-errors', role: 'alert', tabindex: -1 });
  const preview = h('ol', { class: 'preview-list' });
  const previewWords = h('p', { class: 'preview-words' });
  const form = h('form', { class: 'card monitor-form', novalidate: true, 'aria-labelledby': 'form-title' },
    h('h1', { id: 'form-title' }, monitor ? `Edit ${monitor.name}` : 'Add monitor'),
    summary,
    h('div', { class: 'form-grid' },
      h('div', {},
        field({ id: 'name', label: 'Name', control: name }),
        field({ id: 'slug', label: 'Slug', control: slugInput, hint: monitor ? 'Changing it changes the URL jobs check in to.' : 'Optional: made from the name when empty.' }),
        project ? field({ id: 'project', label: 'Project', control: project }) : null,
        field({ id: 'status', label: 'Status', control: status }),
        field({ id: 'owner', label: 'Owner', control: owner, errorKeys: ['owner'],
          hint: 'Optional: user:<id>, team:<id>, or an email address (an email channel can mail it).' }),
        scheduleType, cronField, intervalField,
        field({ id: 'timezone', label: 'Timezone', control: timezone, errorKeys: ['config.timezone'] }),
        h('div', { class: 'field-row' },
          field({ id: 'checkin-margin', label: 'Check-in margin (minutes)', control: margin, errorKeys: ['config.checkin_margin'] }),
          field({ id: 'max-runtime', label: 'Max runtime (minutes)', control: maxRuntime, errorKeys: ['config.max_runtime'] })),
        h('div', { class: 'field-row' },
          field({ id: 'failure-threshold', label: 'Failures before an incident', control: failures, errorKeys: ['config.failure_issue_threshold'] }),
          field({ id: 'recovery-threshold', label: 'OKs before it resolves', control: recoveries, errorKeys: ['config.recovery_threshold'] })),
        field({ id: 'min-runtime', label: 'Minimum run time (seconds)', control: minRuntime, errorKeys: ['config.min_runtime'],
          hint: 'Optional: a run that ends ok sooner is recorded as an error and alerts. Empty for none.' }),
        h('fieldset', { class: 'field', dataset: { errorKeys: 'channels' } }, h('legend', {}, 'Alert channels'),
          ...(channelBoxes.length ? channelBoxes : [h('p', { class: 'hint' }, 'No channels yet: ', h('a', { href: '#/channels' }, 'add one'), '. Without a rule, alerts go to the project\'s default channels.')]),
          h('ul', { class: 'field-errors' }))),
      h('aside', { class: 'preview', 'aria-labelledby': 'preview-title', 'aria-live': 'polite' },
        h('h2', { id: 'preview-title' }, 'Next runs'), previewWords, preview)),
    h('div', { class: 'actions' },
      h('a', { href: monitor ? `#/monitors/${encodeURIComponent(monitor.slug)}` : '#/', class: 'button secondary' }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, monitor ? 'Save changes' : 'Create monitor')));

  const type = () => form.querySelector('input[name=schedule_type]:checked').value;
  const showType = () => {
    cronField.hidden = type() !== 'crontab';
    intervalField.hidden = type() !== 'interval';
  };
  const config = () => ({
    schedule_type: type(),
    schedule: type() === 'crontab' ? cron.value.trim() : [integer(intervalValue.value), intervalUnit.value],
    checkin_margin: integer(margin.value),
    max_runtime: integer(maxRuntime.value),
    timezone: timezone.value,
    failure_issue_threshold: integer(failures.value),
    recovery_threshold: integer(recoveries.value),
    // 0 removes a minimum that was set; empty means none.
    min_runtime: minRuntime.value.trim() === '' ? 0 : integer(minRuntime.value),
  });

  let previewTimer;
  let previewRequest = 0;
  const updatePreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const request = ++previewRequest;
      const cfg = config();
      const query = cfg.schedule_type === 'crontab'
        ? { scheduleType: 'crontab', cronSchedule: cfg.schedule, timezone: cfg.timezone, numTicks: PREVIEW_TICKS }
        : { scheduleType: 'interval', intervalFrequency: cfg.schedule[0], intervalUnit: cfg.schedule[1], timezone: cfg.timezone, numTicks: PREVIEW_TICKS };
      try {
        const slots = await api.get(routes.schedulePreview(api.org), query);
        if (request !== previewRequest) return;
        previewWords.textContent = describeConfig(cfg);
        clear(preview).append(...slots.map((t) => h('li', {}, h('time', { datetime: t }, dateTime(t, cfg.timezone)))));
      } catch (e) {
        if (request !== previewRequest) return;
        previewWords.textContent = '';
        const messages = e instanceof ApiError && e.fieldErrors ? Object.values(e.fieldErrors).flat() : [e.message];
        clear(preview).append(h('li', { class: 'preview-error' }, messages.join(' ')));
      }
    }, PREVIEW_DELAY_MS);
  };
  form.addEventListener('input', (e) => {
    if (e.target.name === 'schedule_type') showType();
    updatePreview();
  });
  form.addEventListener('change', updatePreview);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), status: status.value, config: config() };
    if (slugInput.value.trim()) body.slug = slugInput.value.trim();
    if (project) body.project = project.value;
    if (owner.value.trim() || monitor?.owner) body.owner = owner.value.trim() || null;
    try {
      const saved = monitor ? await api.put(routes.monitor(api.org, monitor.slug), body) : await api.post(routes.monitors(api.org), body);
      const ids = [...form.querySelectorAll('input[name=channel]:checked')].map((b) => b.value);
      if (ids.length) await api.put(routes.alertRule(api.org, saved.slug), { environments: rule?.environments ?? {}, channels: ids });
      else if (rule?.configured) await api.delete(routes.alertRule(api.org, saved.slug));
      location.hash = `#/monitors/${encodeURIComponent(saved.slug)}`;
    } catch (err) {
      showErrors(form, err instanceof ApiError ? err : new ApiError(0, { detail: err.message }), summary);
    }
  });
  clearErrorsOnInput(form);
  showType();
  updatePreview();
  return form;
}

/** A whole number as typed, or the text itself so the API names what is wrong with it. */
function integer(text) {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}
