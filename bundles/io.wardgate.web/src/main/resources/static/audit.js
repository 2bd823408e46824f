'use strict';
// Audit: text, time range and outcome filters, paging back in time, CSV export of the same search.
(() => {
  const { el } = WG;
  const PAGE = 100;
  let before = null; // the oldest record shown: "Older" pages back from it

  function params(form, to) {
    const p = new URLSearchParams({ q: form.q.value, limit: String(PAGE) });
    if (form.from.value) p.set('from', new Date(form.from.value).toISOString());
    const end = to || (form.to.value ? new Date(form.to.value).toISOString() : null);
    if (end) p.set('to', end);
    return p;
  }

  async function search(form, older) {
    const p = params(form, older ? before : null);
    document.getElementById('csv').href = '/api/audit.csv?' + params(form, null).toString().replace('limit=' + PAGE, 'limit=500');
    const d = await WG.api('/api/audit?' + p.toString());
    if (!d.available) { document.getElementById('results').replaceChildren(el('p', { class: 'msg info' }, 'The audit log is not available (audit service not running).')); return; }
    const wanted = form.outcome.value;
    const rows = d.records.filter(r => !wanted || r.outcome === wanted);
    before = d.records.length ? new Date(new Date(d.records[d.records.length - 1].at).getTime() - 1).toISOString() : before;
    document.getElementById('older').disabled = d.records.length < PAGE;
    document.getElementById('results').replaceChildren(el('table', { id: 'records' },
      el('thead', {}, el('tr', {}, ['#', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'Detail'].map(h => el('th', {}, h)))),
      el('tbody', {}, rows.length ? rows.map(r => el('tr', { class: r.outcome.toLowerCase() }, el('td', {}, r.sequence), el('td', {}, WG.when(r.at)), el('td', {}, r.actor), el('td', { class: 'mono' }, r.action), el('td', {}, r.target), el('td', {}, r.outcome), el('td', {}, r.detail)))
        : el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No record matches.')))));
  }
  (async () => {
    if (!await WG.start({ page: 'audit.html' })) return;
    document.getElementById('zone').textContent = 'Times are shown in ' + Intl.DateTimeFormat().resolvedOptions().timeZone + '; the CSV export is in UTC.';
    const form = document.getElementById('search');
    form.addEventListener('submit', (e) => { e.preventDefault(); search(form, false).catch(err => WG.message('msg', err.message)); });
    document.getElementById('older').addEventListener('click', () => search(form, true).catch(err => WG.message('msg', err.message)));
    document.getElementById('verify').addEventListener('click', async () => {
      const v = await WG.api('/api/audit/verify');
      if (!v.available) WG.message('msg', 'The audit log is not available.', 'info');
      else WG.message('msg', v.intact ? `Chain intact: ${v.records} records verified.` : `Chain BROKEN at record ${v.firstBroken}: ${v.detail}`, v.intact ? 'ok' : 'error');
    });
    await search(form, false);
  })();
})();
