// Check-ins the Sentry endpoints dropped (processing errors): a banner that says how many, why and what to do, with a
// Dismiss that deletes them through the API.
import { h } from './dom.js';

const HINTS = {
  MONITOR_NOT_FOUND: 'monitor not found — create it or send monitor_config',
  MONITOR_INVALID_CONFIG: 'invalid monitor_config — fix the config the job sends',
  MONITOR_INVALID_OWNER: 'invalid owner — use user:<id>, team:<id> or an email address',
  MONITOR_DISABLED: 'monitor disabled — enable it to take check-ins again',
  MONITOR_LIMIT_EXCEEDED: 'the organization has all the monitors it may have — delete one or raise the limit',
  MONITOR_ENVIRONMENT_LIMIT_EXCEEDED: 'the monitor has all the environments it may have',
  MONITOR_ENVIRONMENT_RATELIMITED: 'rate limited — send fewer check-ins a minute',
  MONITOR_INVALID_ENVIRONMENT: 'invalid environment name',
  CHECKIN_FINISHED: 'the run had already finished — send one ok or error per run',
  CHECKIN_GUID_PROJECT_MISMATCH: 'the check-in id belongs to another monitor or project',
  CHECKIN_ENVIRONMENT_MISMATCH: 'the check-in id belongs to another environment',
  CHECKIN_INVALID_DURATION: 'invalid duration',
  CHECKIN_INVALID_GUID: 'invalid check-in id',
  CHECKIN_VALIDATION_FAILED: 'invalid check-in',
};

/** One line per reason, most frequent first: "3 check-ins were dropped: monitor not found — create it or send monitor_config". */
export function droppedLines(errors) {
  const byName = new Map();
  for (const e of errors) {
    const name = e.errors?.[0]?.name ?? 'UNKNOWN';
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).map(([name, n]) =>
    `${n} check-in${n === 1 ? ' was' : 's were'} dropped: ${HINTS[name] ?? name.toLowerCase().replaceAll('_', ' ')}`);
}

/**
 * The banner for {@code errors} (null when there are none); {@code dismissPath(error)} is the DELETE route of one,
 * {@code slugs} whether to name the monitors the check-ins were for (the project's list: monitors that do not exist).
 */
export function droppedBanner(api, errors, dismissPath, { slugs = false } = {}) {
  if (!errors.length) return null;
  const named = slugs ? [...new Set(errors.map((e) => e.checkin?.monitorSlug).filter(Boolean))] : [];
  const status = h('span', { class: 'visually-hidden', role: 'status' });
  const banner = h('div', { class: 'notice warning dropped', role: 'region', 'aria-label': 'Dropped check-ins' },
    ...droppedLines(errors).map((line) => h('p', {}, line)),
    named.length ? h('p', { class: 'hint' }, 'For: ', ...named.flatMap((s, i) => [i ? ', ' : '', h('code', {}, s)])) : null,
    h('p', { class: 'hint' }, `Last: ${new Date(errors[0].checkin.ts).toLocaleString()}. Kept 7 days, at most 10.`),
    h('button', {
      type: 'button', class: 'secondary', dataset: { action: 'dismiss-dropped' },
      onclick: async () => {
        try {
          await Promise.all(errors.map((e) => api.delete(dismissPath(e))));
          banner.replaceWith(status);
          status.textContent = 'Dismissed.';
        } catch (e) {
          status.textContent = e.message;
          banner.append(status);
        }
      },
    }, 'Dismiss'));
  return banner;
}
