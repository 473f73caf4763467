// The public HTTP API, as the dashboard calls it. Every request carries the session's bearer token, so the page can
// do exactly what that token may do and nothing more. The token lives in sessionStorage only: closing the tab forgets it.

const SESSION_KEY = 'cronmon.session';
const DSN_KEY = 'cronmon.dsn';
const MAX_LIST_PAGES = 10;

/** Where each resource lives. Routes marked optional may be missing on a server; the page then hides what needs them. */
export const routes = {
  monitors: (org) => `/api/0/organizations/${enc(org)}/monitors/`,
  monitor: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/`,
  checkIns: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/checkins/`,
  schedulePreview: (org) => `/api/0/organizations/${enc(org)}/monitor-schedule-preview/`,
  // optional: the management API (PUT/DELETE monitor, environments, incidents, projects, keys)
  environment: (org, slug, env) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/environments/${enc(env)}/`,
  incidents: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/incidents/`,
  projects: (org) => `/api/0/organizations/${enc(org)}/projects/`,
  projectKeys: (org, project) => `/api/0/projects/${enc(org)}/${enc(project)}/keys/`,
  // optional: alerts (channels and a monitor's alert rule)
  channels: (org) => `/api/0/organizations/${enc(org)}/channels/`,
  channel: (org, id) => `/api/0/organizations/${enc(org)}/channels/${enc(id)}/`,
  channelTest: (org, id) => `/api/0/organizations/${enc(org)}/channels/${enc(id)}/test/`,
  alertRule: (org, slug) => `/api/0/organizations/${enc(org)}/monitors/${enc(slug)}/alert-rule/`,
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

  /** The route itself does not exist here (API Gateway's and the local stack's 404, the router's 404/405). */
  get routeMissing() {
    if (this.status === 405) return true;
    if (this.status !== 404 || !this.body) return false;
    return this.body.message === 'Not Found' || this.body.detail === 'The requested resource does not exist';
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

  /**
   * Which optional routes this server has, asked without changing anything: GETs, and PUTs with a body no route
   * accepts (a JSON array), which an existing route refuses with a 400 and a missing one answers with 404/405.
   */
  async capabilities() {
    const probe = async (method, path) => {
      try {
        await this.request(method, path, method === 'GET' ? {} : { body: [] });
        return true;
      } catch (e) {
        return e instanceof ApiError && !e.routeMissing;
      }
    };
    const slug = 'cronmon-dashboard-probe';
    const [monitorWrites, environmentWrites, projects, channels, alertRules, incidents] = await Promise.all([
      probe('PUT', routes.monitor(this.org, slug)),
      probe('PUT', routes.environment(this.org, slug, 'production')),
      probe('GET', routes.projects(this.org)),
      probe('GET', routes.channels(this.org)),
      probe('PUT', routes.alertRule(this.org, slug)),
      probe('GET', routes.incidents(this.org, slug)),
    ]);
    return { monitorWrites, environmentWrites, projects, channels, alertRules, incidents };
  }
}

function nextCursor(link) {
  if (!link || !link.includes('results="true"')) return null;
  const m = link.match(/cursor="([^"]+)"/);
  return m ? decodeURIComponent(m[1]) : null;
}
