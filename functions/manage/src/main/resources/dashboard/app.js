// The dashboard's shell: sign-in, navigation (hash routes, so the server serves one page), and which page to show.
import { Api, ApiError, session } from './api.js';
import { h, clear } from './dom.js';
import { listPage } from './list.js';
import { detailPage } from './detail.js';
import { formPage } from './form.js';
import { channelsPage } from './channels.js';
import { maintenancePage } from './maintenance.js';
import { notice } from './ui.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let context = null;

/** Where the hash points: [page, slug]. */
function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'monitors' && parts[1] && parts[2] === 'edit') return ['edit', parts[1]];
  if (parts[0] === 'monitors' && parts[1]) return ['detail', parts[1]];
  if (parts[0] === 'new') return ['new'];
  if (parts[0] === 'channels') return ['channels'];
  if (parts[0] === 'maintenance') return ['maintenance'];
  return ['list'];
}

async function render() {
  const saved = session.get();
  if (!saved) return signIn();
  if (!context || context.api.token !== saved.token) {
    const api = new Api(saved.organization, saved.token);
    context = { api, org: saved.organization, now: () => Date.now() };
  }
  renderNav();
  const [page, slug] = route();
  const title = { list: 'Monitors', detail: slug, edit: `Edit ${slug}`, new: 'Add monitor', channels: 'Alert channels', maintenance: 'Maintenance windows' }[page];
  document.title = `${title} · cronmon`;
  clear(main).append(h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  try {
    const content = await {
      list: () => listPage(context),
      detail: () => detailPage(context, slug),
      edit: () => formPage(context, slug),
      new: () => formPage(context, null),
      channels: () => channelsPage(context),
      maintenance: () => maintenancePage(context),
    }[page]();
    clear(main).append(content);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session.clear();
      context = null;
      return signIn('That token is no longer accepted. Sign in again.');
    }
    clear(main).append(h('h1', {}, title), notice(e instanceof ApiError ? e.message : `Something went wrong: ${e.message}`, 'error'));
    if (!(e instanceof ApiError)) console.error(e);
  }
  main.focus();
}

function renderNav() {
  const [page] = route();
  const link = (href, text, current) => h('li', {}, h('a', { href, 'aria-current': current ? 'page' : null }, text));
  clear(nav).append(h('ul', {},
    link('#/', 'Monitors', page === 'list' || page === 'detail'),
    link('#/new', 'Add monitor', page === 'new'),
    link('#/channels', 'Alert channels', page === 'channels'),
    link('#/maintenance', 'Maintenance', page === 'maintenance'),
    h('li', { class: 'session' }, h('span', { class: 'org' }, context.org),
      h('button', { type: 'button', class: 'secondary small', onclick: signOut }, 'Sign out'))));
}

function signOut() {
  session.clear();
  context = null;
  location.hash = '#/';
  signIn('Signed out.');
}

function signIn(message) {
  clear(nav);
  document.title = 'Sign in · cronmon';
  const organization = h('input', { name: 'organization', autocomplete: 'organization', required: true, spellcheck: 'false' });
  const token = h('input', { name: 'token', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const error = h('div', { class: 'form-errors', role: 'alert', tabindex: -1 });
  const form = h('form', { class: 'card sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to cronmon'),
    message ? notice(message) : null,
    h('p', {}, 'Use an API token of your organization. It is kept only for this browser tab and sent only to this server.'),
    error,
    h('div', { class: 'field' }, h('label', { for: 'organization' }, 'Organization'), organization),
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'API token'), token,
      h('p', { class: 'hint' }, 'The local stack prints one when it starts (and keeps it in cronmon-data/credentials.json).')),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  organization.id = 'organization';
  token.id = 'token';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(error);
    const api = new Api(organization.value.trim(), token.value.trim());
    try {
      await api.page(`/api/0/organizations/${encodeURIComponent(api.org)}/monitors/`, { per_page: 1 });
    } catch (err) {
      const text = err instanceof ApiError && err.status === 401 ? 'That token is not accepted.'
        : err instanceof ApiError && err.status === 404 ? 'No such organization for this token.'
          : err instanceof ApiError && err.status === 403 ? 'This token may not read monitors (it needs org:read).'
            : `Could not sign in: ${err.message}`;
      error.append(h('p', {}, text));
      error.focus();
      return;
    }
    session.set(api.org, api.token);
    context = null;
    render();
  });
  clear(main).append(form);
  organization.focus();
}

// The skip link must not change the hash: the hash is the page.
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', render);
render();
