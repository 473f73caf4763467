// Pieces every page uses: status badges, tabs, the confirmation dialog, copy buttons, field errors.
import { h, clear } from './dom.js';
import { STATUS_LABELS } from './timeline.js';

const STATE_LABELS = { ...STATUS_LABELS, new: 'Waiting for first check-in', disabled: 'Disabled', muted: 'Muted' };

/**
 * What one monitor environment is, in the list's words: disabled, new (or its first run in progress), ok, or the
 * failure that made it an error (the API's environment status is new/ok/error; the newest finished check-in tells
 * error from missed or timeout).
 */
export function environmentState(monitor, environment, checkIns = []) {
  if (monitor.status === 'disabled') return 'disabled';
  const newestFirst = checkIns.filter((c) => c.environment === environment.name)
    .sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
  // A first run still going: the environment has no result yet, but it is no longer waiting.
  if (environment.status === 'new') return newestFirst[0]?.status === 'in_progress' ? 'in_progress' : 'new';
  if (environment.status === 'ok') return 'ok';
  // `unknown` (cronmon could not hear check-ins) is neither a failure nor an ok: the one before it tells.
  const latest = newestFirst.find((c) => c.status !== 'in_progress' && c.status !== 'unknown');
  return latest && ['error', 'missed', 'timeout'].includes(latest.status) ? latest.status : 'error';
}

/** What the broken-monitor rule did to an open incident (its brokenNotice), as a short phrase; '' when nothing. */
export function brokenText(incident) {
  const notice = incident?.brokenNotice;
  if (!notice) return '';
  return notice.environmentMutedTimestamp ? ' · broken, muted automatically' : ' · broken: fix or mute it';
}

/** Colour and text: never colour alone. */
export function badge(state) {
  return h('span', { class: `badge status-${state}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), STATE_LABELS[state] ?? state);
}

/** An ARIA tab list; arrow keys move between tabs. {@code tabs} are [{id, label, render: () => Node}]. */
export function tabs(name, items, selectedId, onSelect = () => {}) {
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': name });
  const panel = h('div', { class: 'tab-panel', role: 'tabpanel', tabindex: 0 });
  const buttons = items.map((item, i) => h('button', {
    type: 'button', role: 'tab', id: `tab-${name.replace(/\W+/g, '-')}-${i}`, dataset: { tab: item.id },
    onclick: () => select(i, false),
    onkeydown: (e) => {
      const moves = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: items.length - 1 };
      if (!(e.key in moves)) return;
      e.preventDefault();
      select((moves[e.key] + items.length) % items.length, true);
    },
  }, item.label));
  function select(index, focus) {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === index));
      b.setAttribute('tabindex', i === index ? '0' : '-1');
    });
    panel.setAttribute('aria-labelledby', buttons[index].id);
    clear(panel).append(items[index].render());
    if (focus) buttons[index].focus();
    onSelect(items[index].id);
  }
  list.append(...buttons);
  const start = Math.max(0, items.findIndex((i) => i.id === selectedId));
  if (items.length) select(start, false);
  return h('div', { class: 'tabbed' }, list, panel);
}

/** Asks before something that cannot be undone (or silences alerts); resolves true only on the confirm button. */
export function confirmDialog({ title, body, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', {}, body),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, 'Cancel'),
        h('button', { type: 'submit', value: 'confirm', class: danger ? 'danger' : 'primary' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function copyButton(getText, label) {
  const status = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', {
    type: 'button', class: 'secondary small', 'aria-label': label,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(getText());
        status.textContent = 'Copied';
      } catch {
        status.textContent = 'Select the text and copy it';
      }
      setTimeout(() => { status.textContent = ''; }, 2500);
    },
  }, 'Copy');
  return h('span', { class: 'copy' }, button, status);
}

/** A labelled form control with a place for its errors; {@code errorKeys} are the API field names it answers for. */
export function field({ id, label, control, hint, errorKeys = [] }) {
  const errors = h('ul', { class: 'field-errors', id: `${id}-errors` });
  control.id = id;
  const described = [hint ? `${id}-hint` : null, `${id}-errors`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h('div', { class: 'field', dataset: { errorKeys: [id, ...errorKeys].join(' ') } },
    h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, errors);
}

/**
 * Shows an API's per-field errors under the fields that answer for them; the rest, and {"detail"}, at the top.
 * Focuses the first field in error so a keyboard user lands where the fix is.
 */
export function showErrors(form, error, summary) {
  for (const el of form.querySelectorAll('.field-errors')) clear(el);
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  clear(summary);
  if (!error) return;
  const fields = error.fieldErrors;
  if (!fields) {
    summary.append(h('p', {}, error.message));
    summary.focus();
    return;
  }
  let first = null;
  for (const [key, messages] of Object.entries(fields)) {
    const container = [...form.querySelectorAll('.field')]
      .find((f) => f.dataset.errorKeys.split(' ').includes(key) && !f.closest('[hidden]'));
    const list = container ? container.querySelector('.field-errors') : summary;
    for (const message of [].concat(messages)) list.append(h('li', {}, container ? message : `${key}: ${message}`));
    if (container) {
      const control = container.querySelector('input, select, textarea');
      control.setAttribute('aria-invalid', 'true');
      first = first ?? control;
    }
  }
  if (summary.childElementCount) summary.prepend(h('p', {}, 'The server refused this:'));
  (first ?? summary).focus();
}

/** Typing in a field takes its server errors away: they were about the old value. */
export function clearErrorsOnInput(form) {
  form.addEventListener('input', (e) => {
    const container = e.target.closest('.field');
    if (!container) return;
    clear(container.querySelector('.field-errors') ?? document.createElement('ul'));
    e.target.removeAttribute('aria-invalid');
  });
}

export function notice(text, kind = 'info') {
  return h('p', { class: `notice ${kind}` }, text);
}

/**
 * A page of an organization's resources (channels, maintenance windows): its heading, a status line, the table of what
 * {@code load()} answers (one {@code row(item, {status, refresh})} each, refreshed after every change) and the add form,
 * {@code form(refresh)}, under it.
 */
export async function resourcePage({ id, title, intro, tableClass, columns, empty, load, row, form }) {
  const page = h('section', { 'aria-labelledby': `${id}-title` }, h('h1', { id: `${id}-title` }, title), intro ? h('p', {}, intro) : null);
  const list = h('div', {});
  const status = h('p', { class: 'action-status', role: 'status' });
  async function refresh() {
    const items = await load();
    clear(list);
    if (!items.length) return list.append(h('p', {}, empty));
    list.append(h('table', { class: tableClass },
      h('thead', {}, h('tr', {}, ...columns.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...items.map((item) => row(item, { status, refresh })))));
  }
  page.append(status, list, form(() => refresh()));
  await refresh();
  return page;
}

/** A Delete button that asks first, then runs {@code remove()}, says what failed in {@code status}, and refreshes. */
export function deleteButton({ name, confirmLabel, body, remove, status, refresh, done }) {
  return h('button', {
    type: 'button', class: 'danger small', 'aria-label': `Delete ${name}`,
    onclick: async () => {
      if (!await confirmDialog({ title: `Delete ${name}?`, confirmLabel, danger: true, body })) return;
      try {
        await remove();
        if (done) status.textContent = done;
      } catch (e) {
        status.textContent = e.message;
      }
      refresh();
    },
  }, 'Delete');
}
