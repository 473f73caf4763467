// The monitor list: every monitor environment with its state, last and next check-in, open incident and timeline.
import { routes } from './api.js';
import { h, clear } from './dom.js';
import { droppedBanner } from './errors.js';
import { dateTime, relative } from './format.js';
import { describeConfig } from './schedule.js';
import { legend, renderTimeline, zoomById, zoomControl } from './timeline.js';
import { badge, brokenText, environmentState, notice } from './ui.js';

const STATES = ['ok', 'error', 'missed', 'timeout', 'in_progress', 'new', 'muted', 'disabled'];
const LIST_CHECKIN_PAGES = 3;
// Kept while the tab lives, so coming back from a monitor shows the same view.
const filters = { query: '', project: '', environment: '', state: '', owner: '', zoom: '24h' };
const UNASSIGNED = 'unassigned';

/** Check-ins of one monitor inside the window, newest first (the window's start ends the paging). */
export async function checkInsSince(api, slug, start, end, pages = LIST_CHECKIN_PAGES) {
  // No `end` sent: the API's range is end-exclusive, and a check-in received this very second belongs on the timeline.
  const all = await api.all(routes.checkIns(api.org, slug), { start: new Date(start).toISOString() },
    (last) => Date.parse(last.dateCreated) < start, pages);
  return all.filter((c) => Date.parse(c.dateCreated) >= start && Date.parse(c.dateCreated) <= end);
}

export async function listPage(context) {
  const { api } = context;
  const [monitors, projects] = await Promise.all([
    api.all(routes.monitors(api.org)),
    api.get(routes.projects(api.org)).catch(() => null),
  ]);
  const page = h('section', { 'aria-labelledby': 'list-title' });
  const heading = h('div', { class: 'page-head' }, h('h1', { id: 'list-title' }, 'Monitors'),
    h('a', { href: '#/new', class: 'button primary' }, 'Add monitor'));
  // Check-ins for monitors that do not exist (or that a project could not take) are kept in each project's list.
  const dropped = await Promise.all((projects || []).map((p) => api.get(routes.projectErrors(api.org, p.id))
    .then((errors) => droppedBanner(api, errors, (e) => routes.projectError(api.org, p.id, e.id), { slugs: true })).catch(() => null)));
  const banners = dropped.filter(Boolean);
  if (monitors.length === 0) {
    page.append(heading, ...banners, h('div', { class: 'card empty' },
      h('p', {}, 'No monitors yet.'),
      h('p', {}, h('a', { href: '#/new' }, 'Add one'), ', or send a check-in from a job: the monitor appears with it.')));
    return page;
  }
  const projectNames = new Map((projects || []).map((p) => [p.id, p.name || p.slug || p.id]));
  for (const m of monitors) if (!projectNames.has(m.project?.id)) projectNames.set(m.project?.id, m.project?.id);
  const environments = [...new Set(monitors.flatMap((m) => m.environments.map((e) => e.name)))].sort();

  const search = h('input', { type: 'search', id: 'filter-query', value: filters.query, placeholder: 'Name or slug', autocomplete: 'off' });
  const select = (id, all, options, value) => h('select', { id },
    h('option', { value: '' }, all), ...options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  const project = select('filter-project', 'All projects', [...projectNames], filters.project);
  const environment = select('filter-environment', 'All environments', environments.map((e) => [e, e]), filters.environment);
  const owners = [...new Set(monitors.map((m) => m.owner?.name).filter(Boolean))].sort();
  const owner = select('filter-owner', 'All owners', [[UNASSIGNED, 'Unassigned'], ...owners.map((o) => [o, o])], filters.owner);
  const state = select('filter-status', 'All statuses', STATES.map((st) => [st, st === 'in_progress' ? 'In progress' : st.charAt(0).toUpperCase() + st.slice(1)]), filters.state);
  const toolbar = h('div', { class: 'toolbar', role: 'search', 'aria-label': 'Filter monitors' },
    h('div', { class: 'field inline' }, h('label', { for: 'filter-query' }, 'Search'), search),
    h('div', { class: 'field inline' }, h('label', { for: 'filter-project' }, 'Project'), project),
    h('div', { class: 'field inline' }, h('label', { for: 'filter-environment' }, 'Environment'), environment),
    h('div', { class: 'field inline' }, h('label', { for: 'filter-status' }, 'Status'), state),
    h('div', { class: 'field inline' }, h('label', { for: 'filter-owner' }, 'Owner'), owner),
    zoomControl(filters.zoom, (zoom) => { filters.zoom = zoom.id; loadTimelines(); }));
  const count = h('p', { class: 'count', role: 'status' });
  const body = h('tbody');
  const table = h('table', { class: 'monitors' },
    h('caption', { class: 'visually-hidden' }, 'Monitors and their environments'),
    h('thead', {}, h('tr', {}, ...['Monitor', 'Schedule', 'Environment', 'Last check-in', 'Next expected', 'Open incident', 'Timeline']
      .map((t) => h('th', { scope: 'col' }, t)))),
    body);
  page.append(heading, ...banners, toolbar, count, h('div', { class: 'table-wrap' }, table), legend());

  let checkIns = new Map();
  const now = context.now();

  function rows() {
    clear(body);
    const q = filters.query.trim().toLowerCase();
    let shown = 0;
    for (const m of monitors) {
      if (q && !m.name.toLowerCase().includes(q) && !m.slug.includes(q)) continue;
      if (filters.project && m.project?.id !== filters.project) continue;
      if (filters.owner && (filters.owner === UNASSIGNED ? m.owner : m.owner?.name !== filters.owner)) continue;
      const mine = checkIns.get(m.slug) ?? [];
      const envs = (m.environments.length ? m.environments : [null]).filter((e) => {
        if (filters.environment && e?.name !== filters.environment) return false;
        if (!filters.state) return true;
        if (filters.state === 'muted') return m.isMuted || e?.isMuted;
        if (filters.state === 'disabled') return m.status === 'disabled';
        if (!e) return filters.state === 'new';
        return environmentState(m, e, mine) === filters.state;
      });
      if (!envs.length) continue;
      shown++;
      envs.forEach((e, i) => body.append(row(m, e, i === 0 ? envs.length : 0, mine)));
    }
    count.textContent = `${shown} of ${monitors.length} monitors`;
  }

  function row(m, e, span, mine) {
    const cells = [];
    if (span) {
      cells.push(h('th', { scope: 'rowgroup', rowspan: span, class: 'monitor' },
        h('a', { href: `#/monitors/${encodeURIComponent(m.slug)}` }, m.name), h('code', { class: 'slug' }, m.slug),
        m.owner ? h('small', { class: 'owner' }, m.owner.name) : null));
      cells.push(h('td', { rowspan: span, class: 'schedule' }, describeConfig(m.config)));
    }
    if (!e) {
      cells.push(h('td', {}, m.status === 'disabled' ? badge('disabled') : badge('new')), h('td', {}, '—'), h('td', {}, '—'), h('td', {}, '—'), h('td', {}));
      return h('tr', {}, ...cells);
    }
    const zoom = zoomById(filters.zoom);
    const env = mine.filter((c) => c.environment === e.name);
    cells.push(
      h('td', { class: 'environment' }, h('span', { class: 'env-name' }, e.name), ' ', badge(environmentState(m, e, env)),
        m.isMuted || e.isMuted ? badge('muted') : null),
      h('td', {}, h('time', { datetime: e.lastCheckIn ?? '', title: dateTime(e.lastCheckIn) }, relative(e.lastCheckIn, now))),
      h('td', {}, h('time', { datetime: e.nextCheckIn ?? '', title: dateTime(e.nextCheckIn) }, m.status === 'disabled' ? '—' : relative(e.nextCheckIn, now))),
      h('td', {}, e.activeIncident
        ? h('a', { href: `#/monitors/${encodeURIComponent(m.slug)}`, class: 'incident' },
          `Since ${relative(e.activeIncident.dateStarted, now).replace(' ago', '')}, ${e.activeIncident.failures} failure${e.activeIncident.failures === 1 ? '' : 's'}${brokenText(e.activeIncident)}`)
        : '—'),
      h('td', { class: 'timeline-cell' }, checkIns.has(m.slug)
        ? renderTimeline({ checkIns: env, start: now - zoom.ms, end: now, label: `${m.name}, ${e.name}, last ${zoom.label}` })
        : h('span', { class: 'muted-text' }, 'Loading…')),
    );
    return h('tr', { dataset: { monitor: m.slug, environment: e.name } }, ...cells);
  }

  async function loadTimelines() {
    const zoom = zoomById(filters.zoom);
    const loaded = await Promise.all(monitors.map((m) => checkInsSince(api, m.slug, now - zoom.ms, now).catch(() => [])));
    checkIns = new Map(monitors.map((m, i) => [m.slug, loaded[i]]));
    rows();
  }

  const onFilter = () => {
    filters.query = search.value;
    filters.project = project.value;
    filters.environment = environment.value;
    filters.state = state.value;
    filters.owner = owner.value;
    rows();
  };
  search.addEventListener('input', onFilter);
  for (const el of [project, environment, state, owner]) el.addEventListener('change', onFilter);
  rows();
  loadTimelines();
  if (monitors.some((m) => m.configError)) page.insertBefore(notice('Some monitors have a config error from a check-in; open them to see it.', 'warning'), toolbar);
  return page;
}
