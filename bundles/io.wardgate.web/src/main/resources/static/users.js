'use strict';
// Users: the least-privileged role first, role changes confirmed, a real password-reset form (no
// browser prompt), TOTP reset for a lost phone.
(() => {
  const { el } = WG;
  let roles = [];
  const LABEL = { administrator: 'administrator', 'clinical-engineer': 'clinical engineer', auditor: 'auditor', viewer: 'viewer' };

  function resetForm(row, user) {
    const cell = row.querySelector('td.actions');
    const before = [...cell.childNodes];
    const p1 = el('input', { type: 'password', autocomplete: 'new-password', placeholder: 'new password (12+ characters)', 'aria-label': 'New password' });
    const p2 = el('input', { type: 'password', autocomplete: 'new-password', placeholder: 'repeat it', 'aria-label': 'Repeat the new password' });
    const save = el('button', { class: 'primary' }, 'Set password');
    const cancel = el('button', {}, 'Cancel');
    cell.replaceChildren(p1, p2, save, cancel);
    p1.focus();
    cancel.addEventListener('click', () => cell.replaceChildren(...before));
    save.addEventListener('click', () => {
      if (p1.value !== p2.value) { WG.message('msg', 'The two passwords differ.'); return; }
      act('reset-password', { user: user.name, password: p1.value });
    });
  }

  async function load() {
    const d = await WG.api('/api/users');
    roles = d.roles;
    document.getElementById('role').replaceChildren(...[...roles].reverse().map(r => el('option', { value: r, selected: r === 'viewer' }, LABEL[r] || r)));
    document.getElementById('list').replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ['User', 'Role', 'Second factor', 'Created', 'Last login', 'Locked until', ''].map(h => el('th', {}, h)))),
      el('tbody', {}, d.users.map(u => {
        // One's own account is changed by another administrator (or under My account): no controls here.
        const self = u.name === WG.session().user;
        const role = self ? el('span', { class: 'own-role' }, LABEL[u.role] || u.role) : el('select', { 'aria-label': 'Role of ' + u.name }, roles.map(r => el('option', { value: r, selected: r === u.role }, LABEL[r] || r)));
        if (!self) role.addEventListener('change', () => {
          if (confirm('Change the role of ' + u.name + ' from ' + LABEL[u.role] + ' to ' + LABEL[role.value] + '? Their sessions end.')) act('role', { user: u.name, role: role.value });
          else role.value = u.role;
        });
        const needsTotp = u.role === 'administrator' || u.role === 'clinical-engineer';
        const row = el('tr', { 'data-user': u.name }, el('td', {}, u.name), el('td', {}, role),
          el('td', {}, u.totp ? 'TOTP enrolled' : (needsTotp ? 'enrolls at next login' : 'not required')),
          el('td', {}, WG.when(u.createdAt)), el('td', { class: 'last-login' }, u.lastLogin ? WG.when(u.lastLogin) : 'never'), el('td', {}, u.lockedUntil ? WG.when(u.lockedUntil) : '—'),
          el('td', { class: 'actions' },
            u.lockedUntil ? el('button', { onclick: () => act('unlock', { user: u.name }) }, 'Unlock') : null,
            self ? el('a', { href: 'account.html' }, 'My account') : null,
            self ? null : el('button', { class: 'reset-password', onclick: () => resetForm(row, u) }, 'Reset password…'),
            u.totp && !self ? el('button', { class: 'reset-totp', onclick: () => { if (confirm('Remove the authenticator of ' + u.name + ' (lost phone)? They enroll a new one at their next login.')) act('reset-totp', { user: u.name }); } }, 'Reset TOTP') : null,
            self ? null : el('button', { class: 'danger', onclick: () => { if (confirm('Remove ' + u.name + '?')) act('remove', { user: u.name }); } }, 'Remove')));
        return row;
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
