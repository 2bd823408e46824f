'use strict';
(async () => {
  const s = await WG.start({ enrolling: true, page: 'enroll.html' });
  if (!s) return;
  if (s.stage !== 'enrolling') { location.href = '/'; return; }
  const t = await WG.api('/api/me/totp');
  document.getElementById('secret').textContent = t.secret.replace(/(.{4})/g, '$1 ').trim();
  document.getElementById('qr').setAttribute('src', '/api/me/totp.svg');
  document.getElementById('enroll').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await WG.api('/api/me/totp/confirm', { code: e.target.code.value });
      location.href = '/';
    } catch (err) { WG.message('msg', err.message); }
  });
})();
