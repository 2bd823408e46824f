'use strict';
// Devices: decisions are reversible (Denied list with Re-allow), carry a reason, and show enough of
// the device to decide; a group editor so that a fresh install can approve its first device.
(() => {
  const { el } = WG;
  const table = (id, heads, rows, empty) => el('table', { id }, el('thead', {}, el('tr', {}, heads.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: heads.length, class: 'muted' }, empty))));
  const who = d => el('td', {}, el('div', {}, el('strong', {}, d.address), ' ', el('span', { class: 'tag' }, d.transport)),
    el('div', { class: 'muted small-id' }, d.id));
  const model = d => el('td', {}, (d.model || 'model not reported'), el('div', { class: 'muted' }, d.serialNumber ? 'serial ' + d.serialNumber : 'serial not reported'));

  // An inline reason box instead of a browser prompt: the reason goes into the audit trail and the Denied list.
  function decide(row, label, what, device) {
    const box = el('input', { class: 'reason', placeholder: 'Reason (e.g. not a ward device, replaced)', 'aria-label': 'Reason', maxlength: 200 });
    const confirmButton = el('button', { class: 'danger confirm' }, label);
    const cancel = el('button', { type: 'button' }, 'Cancel');
    const cell = row.querySelector('td.actions');
    const before = [...cell.childNodes];
    cell.replaceChildren(box, confirmButton, cancel);
    box.focus();
    cancel.addEventListener('click', () => cell.replaceChildren(...before));
    confirmButton.addEventListener('click', () => act(what, { device, reason: box.value.trim() }));
  }

  function groupEditor(d) {
    const choices = d.metricChoices.map(m => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'metric', value: m.code }), ' ' + m.name));
    const field = (label, name, value, help, type) => el('div', { class: 'field' }, el('label', { for: 'g-' + name }, label),
      el('input', { id: 'g-' + name, name, value, type: type || 'text' }), el('div', { class: 'help' }, help), el('div', { class: 'field-error' }));
    const form = el('form', { id: 'group-editor', class: 'card' },
      el('h3', {}, 'New device group'),
      el('p', { class: 'muted' }, 'A group says which vital signs its devices may deliver, how fast, and where the data goes. Approving a device needs a group.'),
      field('Name', 'name', '', 'e.g. icu-monitors: letters, digits, ".", "_", "-"'),
      el('div', { class: 'field' }, el('label', {}, 'Vital signs allowed'), el('div', { class: 'checks' }, choices), el('div', { class: 'help' }, 'Readings of other metrics are dropped.')),
      field('Readings per second', 'maxReadingsPerSecond', '10', 'Sustained rate per device; more is dropped.', 'number'),
      field('Burst', 'burst', '50', 'Readings a device may send at once above the rate.', 'number'),
      field('Topic', 'topicSuffix', 'vitals', 'The uplink topic level for this group\'s data.'),
      field('Backend key', 'backendKeyId', '', 'Id of the backend key the data is encrypted to (see Security).'),
      field('Priority', 'priority', '5', '0 (dropped first when the outbox is full) to 9.', 'number'),
      el('div', { class: 'field' }, el('label', { for: 'g-bonding' }, 'BLE bonding required'),
        el('select', { id: 'g-bonding', name: 'bondingRequired' }, el('option', { value: 'true' }, 'yes'), el('option', { value: 'false' }, 'no')), el('div', { class: 'help' }, 'BLE devices must be paired to deliver data.')),
      el('div', { class: 'row' }, el('button', { type: 'submit', class: 'primary' }, 'Create group'), el('span', { class: 'result', role: 'status' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const fields = [];
      for (const name of ['name', 'maxReadingsPerSecond', 'burst', 'topicSuffix', 'backendKeyId', 'priority', 'bondingRequired']) fields.push([name, form.elements[name].value]);
      form.querySelectorAll('input[name=metric]:checked').forEach(c => fields.push(['metric', c.value]));
      try { await WG.api('/api/devices/group', fields); WG.message('msg', 'Group ' + form.elements.name.value + ' saved', 'ok'); await load(); }
      catch (err) { const r = form.querySelector('.result'); r.textContent = err.message; r.className = 'result error'; }
    });
    return form;
  }

  async function load() {
    const d = await WG.api('/api/devices');
    if (!d.available) {
      document.getElementById('content').replaceChildren(el('p', { class: 'msg info' }, 'The device policy is not running: no allowlist to show.'));
      return;
    }
    const edit = WG.can('administrator', 'clinical-engineer');
    const groups = d.groups.map(g => g.name);
    const pending = d.pending.map(p => {
      const select = el('select', { 'aria-label': 'Group for ' + p.id }, groups.map(g => el('option', { value: g }, g)));
      const row = el('tr', { 'data-device': p.id },
        who(p), model(p),
        el('td', { class: 'where' }, el('div', {}, el('strong', {}, p.bed || 'bed not known')), el('div', { class: 'muted' }, p.location || ''),
          el('div', { class: 'muted' }, 'protocol ' + (p.protocol || 'not known'))),
        el('td', { class: 'sent' }, p.metrics && p.metrics.length ? p.metrics.join(', ') : el('span', { class: 'muted' }, 'no values yet')),
        el('td', {}, p.reason), el('td', {}, WG.when(p.firstSeen), el('div', { class: 'muted' }, 'last ' + WG.when(p.lastSeen))),
        el('td', { class: 'actions' }, edit ? (groups.length ? [select,
          el('button', { class: 'primary approve', onclick: () => act('approve', { device: p.id, group: select.value }) }, 'Approve')]
          : el('span', { class: 'muted' }, 'create a group first (below)'))
          : '—', edit ? el('button', { class: 'danger reject', onclick: () => decide(row, 'Reject', 'reject', p.id) }, 'Reject…') : null));
      return row;
    });
    const allowed = d.allowed.map(a => {
      const row = el('tr', { 'data-device': a.id },
        who(a), model(a), el('td', {}, a.group), el('td', {}, WG.when(a.approvedAt), el('div', { class: 'muted' }, 'by ' + a.approvedBy)),
        el('td', { class: 'actions' }, edit ? el('button', { class: 'danger revoke', onclick: () => decide(row, 'Revoke', 'revoke', a.id) }, 'Revoke…') : '—'));
      return row;
    });
    const denied = d.denied.map(x => el('tr', { 'data-device': x.id },
      who(x), model(x), el('td', {}, x.reason), el('td', {}, WG.when(x.at), el('div', { class: 'muted' }, 'by ' + x.by)),
      el('td', { class: 'actions' }, edit ? el('button', { class: 'reallow', onclick: () => act('reallow', { device: x.id }) }, 'Re-allow') : '—')));
    document.getElementById('content').replaceChildren(
      el('h2', {}, 'Waiting for approval'),
      el('p', { class: 'muted' }, 'Their data is dropped until approved (what it sent is listed, not kept). Compare bed, port, model and serial number with the device at the bed before approving.'),
      table('pending', ['Device', 'Model and serial', 'Bed and protocol', 'What it sent', 'Why held', 'First seen', ''], pending, 'No device is waiting.'),
      el('h2', {}, 'Allowlist'), table('allowed', ['Device', 'Model and serial', 'Group', 'Approved', ''], allowed, 'The allowlist is empty.'),
      el('h2', {}, 'Denied'),
      el('p', { class: 'muted' }, 'Rejected or revoked devices. Re-allow puts a device back to "waiting for approval" when it is next seen.'),
      table('denied', ['Device', 'Model and serial', 'Reason', 'Decided', ''], denied, 'No device is denied.'),
      el('h2', {}, 'Device groups'),
      d.groups.length ? el('ul', { class: 'groups' }, d.groups.map(g => el('li', {}, el('strong', {}, g.name), ': ', g.metrics.join(', '), el('div', { class: 'muted' }, g.description.replace(/^metrics [^;]*; /, '')))))
        : el('p', { class: 'msg info' }, 'No device group yet: create one to approve devices.'),
      edit ? groupEditor(d) : null);
  }
  async function act(what, fields) {
    try { await WG.api('/api/devices/' + what, fields); WG.message('msg', 'Done: ' + what + ' ' + fields.device, 'ok'); }
    catch (e) { WG.message('msg', e.message); }
    await load();
  }
  (async () => { if (await WG.start({ page: 'devices.html' })) await load(); })();
})();
