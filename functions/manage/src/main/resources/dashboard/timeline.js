// The timeline of one monitor environment: one tick per check-in, coloured by status, at the time it was received;
// expected slots that got no check-in drawn as gaps; below it, the durations as a small bar chart. SVG, no library.
import { h, s } from './dom.js';
import { axisLabel, dateTime, duration } from './format.js';

export const ZOOMS = [
  { id: '1h', label: '1 h', ms: 3600000 },
  { id: '24h', label: '24 h', ms: 86400000 },
  { id: '7d', label: '7 d', ms: 7 * 86400000 },
  { id: '30d', label: '30 d', ms: 30 * 86400000 },
];
export const STATUS_LABELS = {
  ok: 'OK', error: 'Error', missed: 'Missed', timeout: 'Timeout', in_progress: 'In progress', log: 'Log',
  unknown: 'Unknown (cronmon could not hear check-ins)', maintenance: 'In maintenance',
};

/** How a check-in is shown: a slot or run that waited in a maintenance window has its own style (rule M2). */
export function shownStatus(checkIn) {
  return checkIn.maintenance && checkIn.status === 'unknown' ? 'maintenance' : checkIn.status;
}

/**
 * Pure layout: x positions (0..width) of the check-ins inside [start, end] and of the slots no check-in fulfilled.
 * A slot counts as fulfilled when a check-in's expectedTime is that slot (missed check-ins carry theirs too).
 */
export function layout({ checkIns, slots = [], start, end, width }) {
  const span = end - start;
  const x = (t) => Math.round(((t - start) / span) * width * 10) / 10;
  const ticks = [];
  const fulfilled = new Set();
  for (const c of checkIns) {
    if (c.expectedTime) fulfilled.add(Date.parse(c.expectedTime));
    const t = Date.parse(c.dateCreated);
    if (!(t >= start && t <= end)) continue;
    ticks.push({ x: x(t), time: t, checkIn: c });
  }
  // Check-ins of the same second have no order of their own: the id makes the layout the same on every load.
  ticks.sort((a, b) => a.time - b.time || String(a.checkIn.id).localeCompare(String(b.checkIn.id)));
  const gaps = slots.map(Date.parse).filter((t) => t >= start && t <= end && !fulfilled.has(t)).map((t) => ({ x: x(t), time: t }));
  const durations = ticks.map((t) => t.checkIn.duration).filter((d) => Number.isFinite(d));
  return { ticks, gaps, maxDuration: durations.length ? Math.max(...durations) : 0 };
}

const WIDTH = 1000;
const TICK_HEIGHT = 28;
const CHART_HEIGHT = 48;

/**
 * The timeline as a focusable SVG: Tab reaches the newest tick, arrows walk the others (one tab stop for hundreds of
 * ticks), and hover or focus shows the check-in's time, duration and status in a tooltip. Text stays in HTML so the
 * stretched SVG never distorts it.
 */
export function renderTimeline({ checkIns, slots, start, end, label, withDurations, timeZone }) {
  const { ticks, gaps, maxDuration } = layout({ checkIns, slots, start, end, width: WIDTH });
  const tooltip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
  const svg = s('svg', {
    class: 'timeline', viewBox: `0 0 ${WIDTH} ${TICK_HEIGHT}`, preserveAspectRatio: 'none', role: 'group',
    'aria-label': `${label}: ${ticks.length} check-ins${gaps.length ? `, ${gaps.length} slots without a check-in` : ''}`,
  });
  svg.append(s('rect', { class: 'track', x: 0, y: 2, width: WIDTH, height: TICK_HEIGHT - 4 }));
  for (const gap of gaps) {
    svg.append(s('rect', { class: 'gap', x: gap.x - 2, y: 3, width: 4, height: TICK_HEIGHT - 6, dataset: { slot: new Date(gap.time).toISOString() } },
      s('title', {}, `No check-in for the slot at ${dateTime(new Date(gap.time).toISOString(), timeZone)}`)));
  }
  const tickNodes = ticks.map((t, i) => {
    const c = t.checkIn;
    const shown = shownStatus(c);
    const text = `${STATUS_LABELS[shown] ?? shown} at ${dateTime(c.dateCreated, timeZone)}, duration ${duration(c.duration)}`;
    const node = s('rect', {
      class: `tick status-${shown}`, x: t.x - 2, y: 4, width: 4, height: TICK_HEIGHT - 8,
      tabindex: i === ticks.length - 1 ? 0 : -1, role: 'img', 'aria-label': text,
      dataset: { status: shown, id: c.id },
    });
    const show = () => {
      tooltip.textContent = text;
      tooltip.hidden = false;
      tooltip.style.left = `${Math.min(85, Math.max(15, (t.x / WIDTH) * 100))}%`;
    };
    node.addEventListener('mouseenter', show);
    node.addEventListener('focus', show);
    node.addEventListener('mouseleave', () => { if (document.activeElement !== node) tooltip.hidden = true; });
    node.addEventListener('blur', () => { tooltip.hidden = true; });
    node.addEventListener('keydown', (e) => {
      const moves = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: ticks.length - 1 };
      if (!(e.key in moves)) return;
      e.preventDefault();
      const target = tickNodes[Math.max(0, Math.min(ticks.length - 1, moves[e.key]))];
      node.setAttribute('tabindex', -1);
      target.setAttribute('tabindex', 0);
      target.focus();
    });
    return node;
  });
  svg.append(...tickNodes);
  const span = end - start;
  const axis = h('div', { class: 'axis-labels', 'aria-hidden': 'true' },
    ...[0, 1, 2, 3].map((i) => h('span', {}, axisLabel(start + (span * i) / 4, span))), h('span', {}, 'now'));
  const figure = h('figure', { class: withDurations ? 'timeline-figure large' : 'timeline-figure' }, svg, tooltip, axis);
  if (withDurations) {
    const chart = s('svg', { class: 'durations', viewBox: `0 0 ${WIDTH} ${CHART_HEIGHT}`, preserveAspectRatio: 'none', 'aria-hidden': 'true' },
      s('line', { class: 'baseline', x1: 0, x2: WIDTH, y1: CHART_HEIGHT, y2: CHART_HEIGHT }));
    for (const t of ticks) {
      const d = t.checkIn.duration;
      if (!Number.isFinite(d) || maxDuration <= 0) continue;
      const barHeight = Math.max(1, (d / maxDuration) * (CHART_HEIGHT - 4));
      chart.append(s('rect', { class: `bar status-${shownStatus(t.checkIn)}`, x: t.x - 2, y: CHART_HEIGHT - barHeight, width: 4, height: barHeight }));
    }
    figure.append(h('div', { class: 'durations-head' }, h('span', {}, 'Duration'), h('span', {}, maxDuration > 0 ? `max ${duration(maxDuration)}` : 'no durations')),
      chart, h('figcaption', { class: 'visually-hidden' }, `${label}, with the duration of each run below`));
  }
  return figure;
}

/** The zoom buttons; {@code onChange(zoom)} with the chosen one. */
export function zoomControl(current, onChange) {
  const group = h('div', { class: 'zoom', role: 'group', 'aria-label': 'Timeline range' });
  for (const zoom of ZOOMS) {
    group.append(h('button', {
      type: 'button', 'aria-pressed': zoom.id === current ? 'true' : 'false', dataset: { zoom: zoom.id },
      onclick: (e) => {
        for (const b of group.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === e.currentTarget));
        onChange(zoom);
      },
    }, zoom.label));
  }
  return group;
}

export function legend() {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    ...['ok', 'error', 'missed', 'timeout', 'unknown', 'maintenance', 'in_progress'].map((st) => h('li', {}, h('span', { class: `swatch status-${st}`, 'aria-hidden': 'true' }), STATUS_LABELS[st])),
    h('li', {}, h('span', { class: 'swatch gap', 'aria-hidden': 'true' }), 'No check-in for a slot'));
}

export function zoomById(id) {
  return ZOOMS.find((z) => z.id === id) ?? ZOOMS[1];
}
