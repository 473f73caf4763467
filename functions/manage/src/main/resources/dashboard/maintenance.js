// Maintenance windows: when chosen monitors may be silent or failing without paging anyone (docs/semantics.md M1–M5).
import { ApiError, routes } from './api.js';
import { h } from './dom.js';
import { dateTime } from './format.js';
import { badge, clearErrorsOnInput, deleteButton, field, resourcePage, showErrors } from './ui.js';

const TARGETS = {
  monitors: { label: 'Monitors', hint: 'Monitor slugs, separated by commas.' },
  project: { label: 'Project', hint: 'The project\'s slug or id: every monitor in it.' },
  owner: { label: 'Owner', hint: 'user:<id>, team:<id> or an email address: every monitor it owns.' },
};

export async function maintenancePage(context) {
  const { api } = context;
  return resourcePage({
    id: 'maintenance', title: 'Maintenance windows', tableClass: 'maintenance',
    intro: 'Slots that pass in a window are shown as in maintenance, not missed, and nothing in it opens or resolves an incident.',
    columns: ['Name', 'When', 'Applies to', 'Now or next', 'Actions'],
    empty: 'No maintenance windows yet. Add one below.',
    load: () => api.get(routes.maintenanceWindows(api.org)),
    form: (refresh) => addForm(context, refresh),
    row: (w, { status, refresh }) => h('tr', { dataset: { window: w.id } },
      h('th', { scope: 'row' }, w.name),
      h('td', {}, when(w)),
      h('td', {}, appliesTo(w)),
      h('td', {}, period(w)),
      h('td', { class: 'actions' }, deleteButton({
        name: w.name, confirmLabel: 'Delete window', body: 'Its monitors page as usual again.', done: `Deleted ${w.name}.`,
        remove: () => api.delete(routes.maintenanceWindow(api.org, w.id)), status, refresh,
      }))),
  });
}

function when(w) {
  if (w.schedule) return h('span', {}, h('code', {}, w.schedule), ` (${w.timezone}) for ${w.duration} min`);
  return `${dateTime(w.start)} – ${dateTime(w.end)}`;
}

function appliesTo(w) {
  if (w.monitors) return `Monitors: ${w.monitors.join(', ')}`;
  if (w.project) return `Project: ${w.project}`;
  return `Owner: ${w.owner}`;
}

function period(w) {
  if (!w.period) return 'Over';
  if (w.active) return h('span', {}, badge('maintenance'), ` until ${dateTime(w.period.end)}`);
  return `${dateTime(w.period.start)} – ${dateTime(w.period.end)}`;
}

function addForm(context, onAdded) {
  const { api } = context;
  const name = h('input', { name: 'name', required: true, autocomplete: 'off' });
  const kind = h('select', { name: 'kind' }, h('option', { value: 'once' }, 'Once'), h('option', { value: 'recurring' }, 'Recurring'));
  const start = h('input', { name: 'start', type: 'datetime-local' });
  const schedule = h('input', { name: 'schedule', autocomplete: 'off', spellcheck: 'false', placeholder: '30 2 * * SUN' });
  const timezone = h('input', { name: 'timezone', autocomplete: 'off', spellcheck: 'false', value: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
  const minutes = h('input', { name: 'duration', type: 'number', min: '1', step: '1', value: '60', required: true });
  const targetKind = h('select', { name: 'target' }, ...Object.entries(TARGETS).map(([id, t]) => h('option', { value: id }, t.label)));
  const target = h('input', { name: 'target-value', autocomplete: 'off', spellcheck: 'false', required: true });
  const onceFields = h('div', {}, field({ id: 'window-start', label: 'Start (your local time)', control: start, errorKeys: ['start', 'end'] }));
  const recurringFields = h('div', { hidden: true },
    field({ id: 'window-schedule', label: 'Starts (crontab)', control: schedule, errorKeys: ['schedule'] }),
    field({ id: 'window-timezone', label: 'Timezone', control: timezone, errorKeys: ['timezone'] }));
  const targetField = field({ id: 'window-target', label: 'Applies to', control: target, errorKeys: Object.keys(TARGETS), hint: TARGETS.monitors.hint });
  const summary = h('div', { class: 'form-errors', role: 'alert', tabindex: -1 });
  const form = h('form', { class: 'card maintenance-form', novalidate: true, 'aria-labelledby': 'add-window-title' },
    h('h2', { id: 'add-window-title' }, 'Add a maintenance window'), summary,
    field({ id: 'window-name', label: 'Name', control: name, errorKeys: ['name'] }),
    field({ id: 'window-kind', label: 'Repeats', control: kind }),
    onceFields, recurringFields,
    field({ id: 'window-duration', label: 'Duration (minutes)', control: minutes, errorKeys: ['duration'] }),
    field({ id: 'window-target-kind', label: 'Target', control: targetKind }),
    targetField,
    h('button', { type: 'submit', class: 'primary' }, 'Add window'));
  kind.addEventListener('change', () => {
    onceFields.hidden = kind.value !== 'once';
    recurringFields.hidden = kind.value === 'once';
  });
  targetKind.addEventListener('change', () => {
    targetField.querySelector('.hint').textContent = TARGETS[targetKind.value].hint;
  });
  clearErrorsOnInput(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), duration: minutes.value === '' ? null : Number(minutes.value) };
    if (kind.value === 'once') {
      // datetime-local is wall time in the browser's zone; the API takes an instant with an offset.
      body.start = start.value ? new Date(start.value).toISOString() : null;
    } else {
      body.schedule = schedule.value.trim();
      body.timezone = timezone.value.trim();
    }
    const value = target.value.trim();
    body[targetKind.value] = targetKind.value === 'monitors' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
    try {
      await api.post(routes.maintenanceWindows(api.org), body);
      showErrors(form, null, summary);
      form.reset();
      onAdded();
    } catch (err) {
      showErrors(form, err instanceof ApiError ? err : new ApiError(0, { detail: err.message }), summary);
    }
  });
  return form;
}
