'use strict';
(() => {
  const { el } = WG;
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
      return el('tr', { 'data-device': p.id },
        el('td', {}, p.id), el('td', {}, p.model || '—'), el('td', {}, p.serialNumber || '—'), el('td', {}, p.reason), el('td', {}, WG.when(p.lastSeen)),
        el('td', { class: 'actions' }, edit ? [select,
          el('button', { class: 'primary approve', onclick: () => act('approve', { device: p.id, group: select.value }) }, 'Approve'),
          el('button', { class: 'danger', onclick: () => act('reject', { device: p.id }) }, 'Reject')] : '—'));
    });
    const allowed = d.allowed.map(a => el('tr', { 'data-device': a.id },
      el('td', {}, a.id), el('td', {}, a.model || '—'), el('td', {}, a.serialNumber || '—'), el('td', {}, a.group), el('td', {}, WG.when(a.approvedAt) + ' by ' + a.approvedBy),
      el('td', { class: 'actions' }, edit ? el('button', { class: 'danger', onclick: () => { if (confirm('Revoke ' + a.id + '? Its data will be dropped.')) act('revoke', { device: a.id }); } }, 'Revoke') : '—')));
    const table = (id, heads, rows, empty) => el('table', { id }, el('thead', {}, el('tr', {}, heads.map(h => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: heads.length, class: 'muted' }, empty))));
    document.getElementById('content').replaceChildren(
      el('h2', {}, 'Waiting for approval'), table('pending', ['Device', 'Model', 'Serial', 'Why held', 'Last seen', ''], pending, 'No device is waiting.'),
      el('h2', {}, 'Allowlist'), table('allowed', ['Device', 'Model', 'Serial', 'Group', 'Approved', ''], allowed, 'The allowlist is empty.'),
      el('h2', {}, 'Device groups'), el('ul', { class: 'groups' }, d.groups.map(g => el('li', {}, el('strong', {}, g.name), ' — ', g.description))));
  }
  async function act(what, fields) {
    try { await WG.api('/api/devices/' + what, fields); WG.message('msg', 'Done: ' + what + ' ' + fields.device, 'ok'); }
    catch (e) { WG.message('msg', e.message); }
    await load();
  }
  (async () => { if (await WG.start({ page: 'devices.html' })) await load(); })();
})();
