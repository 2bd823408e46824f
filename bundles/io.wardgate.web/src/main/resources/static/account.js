'use strict';
(async () => {
  if (!await WG.start({ page: 'account.html' })) return;
  document.getElementById('password').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await WG.api('/api/me/password', { current: f.current.value, password: f.password.value, password2: f.password2.value });
      location.href = '/login.html';
    } catch (err) { WG.message('msg', err.message); }
  });
})();
