// The public HTTP API, as the dashboard calls it. Every request carries the session's bearer token, so the page can
// do exactly what that token may do and nothing more. The token lives in sessionStorage only: closing the tab forgets it.

const SESSION_KEY = 'cronmon.session';
const DSN_KEY = 'cronmon.dsn';
const MAX_LIST_PAGES = 10;

/** Where each resource lives (every one is served by the manage and ingest functions). */
export const routes = {
  monitors: (org) => `/api/0/organizations/${enc(org)}/monitors/`,
  monitor: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/`,
  checkIns: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/checkins/`,
  schedulePreview: (org) => `/api/0/organizations/${enc(org)}/monitor-schedule-preview/`,
  environment: (org, slug, env) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/environments/${enc(env)}/`,
  incidents: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/incidents/`,
  projects: (org) => `/api/0/organizations/${enc(org)}/projects/`,
  projectKeys: (org, project) => `/api/0/projects/${enc(org)}/${enc(project)}/keys/`,
  channels: (org) => `/api/0/organizations/${enc(org)}/channels/`,
  channel: (org, id) => `/api/0/organizations/${enc(org)}/channels/${enc(id)}/`,
  maintenanceWindows: (org) => `/api/0/organizations/${enc(org)}/maintenance-windows/`,
  maintenanceWindow: (org, id) => `/api/0/organizations/${enc(org)}/maintenance-windows/${enc(id)}/`,
  channelTest: (org, id) => `/api/0/organizations/${enc(org)}/channels/${enc(id)}/test/`,
  alertRule: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/alert-rule/`,
  checkInOutput: (org, slug, id) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/checkins/${enc(id)}/output/`,
  rotatePingUrl: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/rotate-ping-url/`,
  monitorErrors: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/processing-errors/`,
  monitorError: (org, slug, id) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/processing-errors/${enc(id)}/`,
  projectErrors: (org, project) => `/api/0/projects/${enc(org)}/${enc(project)}/processing-errors/`,
  projectError: (org, project, id) => `/api/0/projects/${enc(org)}/${enc(project)}/processing-errors/${enc(id)}/`,
};

function enc(value) {
  return encodeURIComponent(value);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(ApiError.message(status, body));
    this.status = status;
    this.body = body;
  }

  /** Per-field errors ({"config.schedule": ["…"]}), or null when the answer is a {"detail": "…"}. */
  get fieldErrors() {
    if (this.status !== 400 || !this.body || typeof this.body !== 'object' || 'detail' in this.body) return null;
    return this.body;
  }

  static message(status, body) {
    if (body && typeof body.detail === 'string') return body.detail;
    if (body && typeof body.message === 'string') return body.message;
    if (body && typeof body === 'object') {
      return Object.entries(body).map(([field, errors]) => `${field}: ${[].concat(errors).join(' ')}`).join('; ');
    }
    return `HTTP ${status}`;
  }
}

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY)) || null;
    } catch {
      return null;
    }
  },
  set(organization, token) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ organization, token }));
  },
  clear() {
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(DSN_KEY);
  },
  dsn() {
    return sessionStorage.getItem(DSN_KEY) || '';
  },
  setDsn(dsn) {
    sessionStorage.setItem(DSN_KEY, dsn);
  },
};

export class Api {
  constructor(organization, token) {
    this.org = organization;
    this.token = token;
  }

  async request(method, path, { query, body } = {}) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { detail: text.slice(0, 200) };
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return { body: json, next: nextCursor(response.headers.get('Link')) };
  }

  async get(path, query) {
    return (await this.request('GET', path, { query })).body;
  }

  /** Every page of a list route, following the Link header's cursor (bounded, for very large organizations). */
  async all(path, query = {}, stop = () => false, maxPages = MAX_LIST_PAGES) {
    const items = [];
    let cursor;
    for (let page = 0; page < maxPages; page++) {
      const { body, next } = await this.request('GET', path, { query: { ...query, per_page: 100, cursor } });
      items.push(...body);
      if (!next || body.length === 0 || stop(body[body.length - 1])) break;
      cursor = next;
    }
    return items;
  }

  /** One page and the cursor of the next. */
  async page(path, query) {
    return this.request('GET', path, { query });
  }

  post(path, body) {
    return this.request('POST', path, { body }).then((r) => r.body);
  }

  put(path, body) {
    return this.request('PUT', path, { body }).then((r) => r.body);
  }

  delete(path, query) {
    return this.request('DELETE', path, { query }).then((r) => r.body);
  }
}

function nextCursor(link) {
  if (!link || !link.includes('results="true"')) return null;
  const m = link.match(/cursor="([^"]+)"/);
  return m ? decodeURIComponent(m[1]) : null;
}
