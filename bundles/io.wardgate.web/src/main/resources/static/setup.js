'use strict';
(async () => {
  const s = await WG.start({ anonymous: true });
  if (s.authenticated || !s.setupOpen) { location.href = '/login.html'; return; }
  document.getElementById('setup').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await WG.api('/api/setup', { code: f.code.value, user: f.user.value, password: f.password.value, password2: f.password2.value });
      location.href = '/enroll.html';
    } catch (err) {
      WG.message('msg', err.message);
      await WG.start({ anonymous: true });
    }
  });
})();
