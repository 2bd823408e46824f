'use strict';
(() => {
  const { el } = WG;
  async function search(form) {
    const q = new URLSearchParams({ q: form.q.value, limit: '200' });
    const d = await WG.api('/api/audit?' + q.toString());
    if (!d.available) { document.getElementById('results').replaceChildren(el('p', { class: 'msg info' }, 'The audit log is not available (audit service not running).')); return; }
    document.getElementById('results').replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, ['#', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'Detail'].map(h => el('th', {}, h)))),
      el('tbody', {}, d.records.map(r => el('tr', { class: r.outcome.toLowerCase() }, el('td', {}, r.sequence), el('td', {}, WG.when(r.at)), el('td', {}, r.actor), el('td', { class: 'mono' }, r.action), el('td', {}, r.target), el('td', {}, r.outcome), el('td', {}, r.detail))))));
  }
  (async () => {
    if (!await WG.start({ page: 'audit.html' })) return;
    const form = document.getElementById('search');
    form.addEventListener('submit', (e) => { e.preventDefault(); search(form).catch(err => WG.message('msg', err.message)); });
    document.getElementById('verify').addEventListener('click', async () => {
      const v = await WG.api('/api/audit/verify');
      if (!v.available) WG.message('msg', 'The audit log is not available.', 'info');
      else WG.message('msg', v.intact ? `Chain intact: ${v.records} records verified.` : `Chain BROKEN at record ${v.firstBroken}: ${v.detail}`, v.intact ? 'ok' : 'error');
    });
    await search(form);
  })();
})();
