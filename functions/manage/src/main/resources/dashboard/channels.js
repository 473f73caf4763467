// Alert channels: where incident alerts go (Slack, PagerDuty, a webhook, email), with a test send and the last error.
import { ApiError, routes } from './api.js';
import { h, clear } from './dom.js';
import { dateTime } from './format.js';
import { clearErrorsOnInput, deleteButton, field, notice, resourcePage, showErrors } from './ui.js';

/** What each channel type needs, as the API names it in the channel's `config`. */
export const CHANNEL_TYPES = {
  slack: { label: 'Slack', target: 'url', targetLabel: 'Slack incoming webhook URL', input: 'url' },
  pagerduty: { label: 'PagerDuty', target: 'routing_key', targetLabel: 'PagerDuty integration (routing) key', input: 'text' },
  webhook: { label: 'Webhook', target: 'url', targetLabel: 'Webhook URL', input: 'url' },
  email: { label: 'Email', target: 'to', targetLabel: 'Email address', input: 'email' },
};

export async function channelsPage(context) {
  const { api } = context;
  return resourcePage({
    id: 'channels', title: 'Alert channels', tableClass: 'channels',
    columns: ['Name', 'Type', 'Target', 'Last delivery', 'Actions'],
    empty: 'No channels yet. Add one below.',
    load: () => api.get(routes.channels(api.org)),
    form: (refresh) => addForm(context, refresh),
    row: (ch, { status, refresh }) => h('tr', { dataset: { channel: ch.id } },
      h('th', { scope: 'row' }, ch.name),
      h('td', {}, CHANNEL_TYPES[ch.type]?.label ?? ch.type),
      h('td', {}, h('code', {}, target(ch))),
      h('td', { class: 'delivery' }, lastDelivery(ch)),
      h('td', { class: 'actions' },
        h('button', {
          type: 'button', class: 'secondary small', 'aria-label': `Send test to ${ch.name}`,
          onclick: async () => {
            status.textContent = `Sending a test to ${ch.name}…`;
            try {
              const sent = await api.post(routes.channelTest(api.org, ch.id), {});
              status.textContent = sent?.delivered === false
                ? `Test to ${ch.name} failed: ${sent.detail ?? 'not delivered'}`
                : `Test delivered to ${ch.name}.`;
            } catch (e) {
              status.textContent = `Test to ${ch.name} failed: ${e.message}`;
            }
            refresh();
          },
        }, 'Send test'),
        deleteButton({
          name: ch.name, confirmLabel: 'Delete channel', body: 'Monitors that alert through it stop doing so.',
          remove: () => api.delete(routes.channel(api.org, ch.id)), status, refresh,
        }))),
  });
}

/** The channel's destination as the API shows it (secrets come back masked). */
function target(channel) {
  const config = channel.config ?? {};
  const value = config.url ?? config.routing_key ?? config.to ?? '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function lastDelivery(channel) {
  const failedLast = channel.lastError && (!channel.lastDeliveredAt || Date.parse(channel.lastErrorAt) >= Date.parse(channel.lastDeliveredAt));
  if (failedLast) {
    return h('span', { class: 'delivery-error' }, h('span', { class: 'badge status-error' }, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Failed'),
      ' ', channel.lastError, channel.lastErrorAt ? ` (${dateTime(channel.lastErrorAt)})` : '');
  }
  return channel.lastDeliveredAt ? `Delivered ${dateTime(channel.lastDeliveredAt)}` : 'No delivery yet';
}

function addForm(context, onAdded) {
  const { api } = context;
  const type = h('select', { name: 'type' }, ...Object.entries(CHANNEL_TYPES).map(([id, t]) => h('option', { value: id }, t.label)));
  const name = h('input', { name: 'name', required: true, autocomplete: 'off' });
  const targetInput = h('input', { name: 'target', required: true, autocomplete: 'off', spellcheck: 'false' });
  const targetField = field({ id: 'channel-target', label: '', control: targetInput, errorKeys: Object.values(CHANNEL_TYPES).map((t) => `config.${t.target}`) });
  const summary = h('div', { class: 'form-errors', role: 'alert', tabindex: -1 });
  const secret = h('div', { role: 'status' });
  const form = h('form', { class: 'card channel-form', novalidate: true, 'aria-labelledby': 'add-channel-title' },
    h('h2', { id: 'add-channel-title' }, 'Add a channel'), summary,
    field({ id: 'channel-type', label: 'Type', control: type }),
    field({ id: 'channel-name', label: 'Name', control: name }),
    targetField,
    h('button', { type: 'submit', class: 'primary' }, 'Add channel'), secret);
  const showType = () => {
    const t = CHANNEL_TYPES[type.value];
    targetField.querySelector('label').textContent = t.targetLabel;
    targetInput.type = t.input;
  };
  type.addEventListener('change', showType);
  clearErrorsOnInput(form);
  showType();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const t = CHANNEL_TYPES[type.value];
    try {
      const created = await api.post(routes.channels(api.org), { type: type.value, name: name.value.trim(), config: { [t.target]: targetInput.value.trim() } });
      showErrors(form, null, summary);
      form.reset();
      showType();
      clear(secret);
      // A webhook's signing secret is shown once, at creation.
      const signing = created?.signingSecret;
      if (signing) secret.append(notice(`Signing secret (shown once): ${signing}`, 'info'));
      onAdded();
    } catch (err) {
      showErrors(form, err instanceof ApiError ? err : new ApiError(0, { detail: err.message }), summary);
    }
  });
  return form;
}
