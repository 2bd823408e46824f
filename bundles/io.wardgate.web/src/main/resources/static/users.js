'use strict';
(() => {
  const { el } = WG;
  let roles = [];
  async function load() {
    const d = await WG.api('/api/users');
    roles = d.roles;
    document.getElementById('role').replaceChildren(...roles.map(r => el('option', { value: r }, r)));
    document.getElementById('list').replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ['User', 'Role', 'TOTP', 'Created', 'Locked until', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, d.users.map(u => {
        const role = el('select', { 'aria-label': 'Role of ' + u.name, onchange: () => act('role', { user: u.name, role: role.value }) }, roles.map(r => el('option', { value: r, selected: r === u.role }, r)));
        return el('tr', { 'data-user': u.name }, el('td', {}, u.name), el('td', {}, role), el('td', {}, u.totp ? 'enrolled' : (u.role === 'administrator' ? 'at next login' : '—')),
          el('td', {}, WG.when(u.createdAt)), el('td', {}, u.lockedUntil ? WG.when(u.lockedUntil) : '—'),
          el('td', { class: 'actions' },
            u.lockedUntil ? el('button', { onclick: () => act('unlock', { user: u.name }) }, 'Unlock') : null,
            el('button', { onclick: () => { const p = prompt('New password for ' + u.name + ' (at least 12 characters)'); if (p) act('reset-password', { user: u.name, password: p }); } }, 'Reset password'),
            el('button', { class: 'danger', onclick: () => { if (confirm('Remove ' + u.name + '?')) act('remove', { user: u.name }); } }, 'Remove')));
      }))));
  }
  async function act(what, fields) {
    try { await WG.api('/api/users/' + what, fields); WG.message('msg', 'Done.', 'ok'); } catch (e) { WG.message('msg', e.message); }
    await load();
  }
  (async () => {
    if (!await WG.start({ page: 'users.html' })) return;
    document.getElementById('create').addEventListener('submit', async (e) => {
      e.preventDefault();
      const f = e.target;
      await act('create', { user: f.user.value, role: f.role.value, password: f.password.value });
      f.reset();
    });
    await load();
  })();
})();
