'use strict';
(async () => {
  const s = await WG.start({ anonymous: true });
  if (s.authenticated) { location.href = '/'; return; }
  if (s.setupOpen) { location.href = '/setup.html'; return; }
  document.getElementById('site').textContent = s.site;
  document.getElementById('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      const r = await WG.api('/api/login', { user: f.user.value, password: f.password.value, totp: f.totp.value });
      location.href = r.stage === 'enrolling' ? '/enroll.html' : '/';
    } catch (err) {
      f.password.value = ''; f.totp.value = '';
      WG.message('msg', err.message);
      await WG.start({ anonymous: true });
    }
  });
})();
