// Times and durations as people read them. Pure: every function takes "now" instead of reading the clock.

const UNITS = [
  ['day', 86400000],
  ['h', 3600000],
  ['min', 60000],
  ['s', 1000],
];

/** "850 ms", "1.3 s", "2 min 5 s", "1 h 3 min", "2 day 4 h"; "—" for none. */
export function duration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10000) return `${(ms / 1000).toFixed(1)} s`;
  const parts = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [name, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/** "in 5 min", "3 h ago", "just now"; "—" for none. */
export function relative(iso, now) {
  if (!iso) return '—';
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 45000) return 'just now';
  const text = duration(Math.abs(diff) < 60000 ? 60000 : Math.abs(diff)).split(' ').slice(0, 2).join(' ');
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

/** A date and time in the browser's zone, or in {@code timeZone}. */
export function dateTime(iso, timeZone) {
  if (!iso) return '—';
  const options = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
  if (timeZone) options.timeZone = timeZone;
  if (timeZone) options.timeZoneName = 'short';
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
}

/** Just the time of day (for axis labels), or the date when the window spans days. */
export function axisLabel(ms, spanMs) {
  const options = spanMs > 2 * 86400000 ? { month: 'short', day: 'numeric' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(ms));
}
