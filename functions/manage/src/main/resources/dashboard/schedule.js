// A monitor's schedule in words: "At 02:00, America/New_York", "Every 2 hours". Pure and total: any input gives a
// sentence (unknown shapes fall back to the expression itself), so a monitor the API accepts always renders.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = MONTHS.map((m) => m.slice(0, 3).toUpperCase());
const DAY_NAMES = DAYS.map((d) => d.slice(0, 3).toUpperCase());
const ALIASES = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const UNIT_WORDS = { minute: 'minute', hour: 'hour', day: 'day', week: 'week', month: 'month', year: 'year' };

/** The sentence for an API monitor config ({schedule_type, schedule, timezone}). */
export function describeConfig(config) {
  if (!config) return '';
  if (config.schedule_type === 'interval' && Array.isArray(config.schedule)) {
    return describeInterval(config.schedule[0], config.schedule[1]);
  }
  const words = describeCron(text(config.schedule));
  return config.timezone ? `${words}, ${text(config.timezone)}` : words;
}

export function describeInterval(value, unit) {
  const n = Number(value);
  const word = typeof unit === 'string' && Object.hasOwn(UNIT_WORDS, unit) ? UNIT_WORDS[unit] : null;
  if (!word || !Number.isInteger(n) || n < 1) return `Every ${text(value)} ${text(unit)}`;
  return n === 1 ? `Every ${word}` : `Every ${n} ${word}s`;
}

/** A 5-field crontab (or an @alias) in words; the expression itself when it is not one we can phrase. */
export function describeCron(expression) {
  const cron = text(expression).trim();
  const fields = (Object.hasOwn(ALIASES, cron.toLowerCase()) ? ALIASES[cron.toLowerCase()] : cron).split(/\s+/);
  if (fields.length !== 5) return `Cron "${cron}"`;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((f) => f.toUpperCase());
  const parsed = {
    minute: parseField(minute, 0, 59),
    hour: parseField(hour, 0, 23),
    dayOfMonth: parseField(dayOfMonth, 1, 31),
    month: parseField(month, 1, 12, MONTH_NAMES, 1),
    dayOfWeek: parseField(dayOfWeek, 0, 7, DAY_NAMES, 0),
  };
  if (Object.values(parsed).some((p) => p === null)) return `Cron "${cron}"`;
  return time(parsed.minute, parsed.hour) + days(parsed);
}

// A field is "*" (every), a step over a range ("*/15", "10-50/10"), or a list of values and ranges.
function parseField(field, min, max, names, nameOffset) {
  const value = (token) => {
    if (names && names.includes(token)) return names.indexOf(token) + nameOffset;
    if (!/^\d+$/.test(token)) return null;
    const n = Number(token);
    return n >= min && n <= max ? n : null;
  };
  if (field === '*' || field === '?') return { every: true };
  const step = field.match(/^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)\/(\d+)$/);
  if (step) {
    const n = Number(step[2]);
    if (n < 1) return null;
    if (step[1] === '*') return { step: n, from: min };
    const [a, b] = step[1].split('-').map(value);
    if (a === null || b === null) return null;
    return { step: n, from: a, to: b ?? undefined };
  }
  const items = [];
  for (const part of field.split(',')) {
    const range = part.split('-');
    if (range.length > 2) return null;
    const a = value(range[0]);
    const b = range.length === 2 ? value(range[1]) : a;
    if (a === null || b === null) return null;
    items.push(a === b ? { value: a } : { from: a, to: b });
  }
  return { items };
}

/** Any JSON value as text, without trusting its toString. */
function text(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value ?? '') ?? '';
}

const pad = (n) => String(n).padStart(2, '0');
const single = (p) => p.items && p.items.length === 1 && p.items[0].value !== undefined ? p.items[0].value : null;
const plural = (n, word) => (n === 1 ? `every ${word}` : `every ${n} ${word}s`);

function time(minute, hour) {
  const m = single(minute);
  const hSingle = single(hour);
  if (m !== null && hour.items && hour.items.every((i) => i.value !== undefined)) {
    const times = hour.items.map((i) => `${pad(i.value)}:${pad(m)}`);
    return `At ${joinAnd(times)}`;
  }
  if (minute.every && hour.every) return 'Every minute';
  if (minute.step && minute.from === 0 && minute.to === undefined && hour.every) return capital(plural(minute.step, 'minute'));
  if (m !== null && hour.every) return m === 0 ? 'Every hour' : `Every hour at minute ${m}`;
  if (m !== null && hour.step && hour.from === 0 && hour.to === undefined) {
    const every = capital(plural(hour.step, 'hour'));
    return m === 0 ? every : `${every} at minute ${m}`;
  }
  const minutes = minute.every ? 'Every minute'
    : minute.step ? capital(stepPhrase(minute, 'minute', String)) : `At minute ${listOf(minute, String)}`;
  if (hour.every) return minute.items ? `${minutes} of every hour` : minutes;
  if (hour.step) return `${minutes}, ${stepPhrase(hour, 'hour', String)}`;
  return `${minutes} ${minute.items ? 'past' : 'during'} hour ${listOf(hour, String)}`;
}

function days({ dayOfMonth, month, dayOfWeek }) {
  let text = '';
  if (dayOfMonth.step) text += `, ${stepPhrase(dayOfMonth, 'day', String)} of the month`;
  else if (!dayOfMonth.every) text += `, on day ${listOf(dayOfMonth, String)} of the month`;
  if (dayOfWeek.step) text += `, ${stepPhrase({ ...dayOfWeek, from: dayOfWeek.from + 1 }, 'day', (d) => DAYS[(d - 1) % 7])} of the week`;
  // Cron runs when either day field matches once both are restricted.
  else if (!dayOfWeek.every) text += `${dayOfMonth.every ? ', only' : ' or'} on ${listOf(dayOfWeek, (d) => DAYS[d % 7])}`;
  if (month.step) text += `, ${stepPhrase(month, 'month', (m) => MONTHS[m - 1])}`;
  else if (!month.every) text += `, in ${listOf(month, (m) => MONTHS[m - 1])}`;
  return text;
}

/** "every 15 minutes", "every 2 days from 1 through 15", "every 2 hours starting at 1". */
function stepPhrase(field, unit, name) {
  const base = plural(field.step, unit);
  if (field.to !== undefined) return `${base} from ${name(field.from)} through ${name(field.to)}`;
  return field.from > (unit === 'day' || unit === 'month' ? 1 : 0) ? `${base} starting at ${name(field.from)}` : base;
}

function listOf(field, name) {
  if (field.step) return stepPhrase(field, 'time', name);
  return joinAnd(field.items.map((i) => (i.value !== undefined ? name(i.value) : `${name(i.from)} through ${name(i.to)}`)));
}

function joinAnd(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
