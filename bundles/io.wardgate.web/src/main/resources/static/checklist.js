'use strict';
(() => {
  const { el } = WG;
  async function load() {
    const c = await WG.api('/api/checklist');
    document.getElementById('steps').replaceChildren(...c.steps.map(s => el('li', { class: 'step ' + (s.done ? 'done' : 'todo'), 'data-step': s.id },
      el('span', { class: 'mark', 'aria-label': s.done ? 'done' : 'to do' }, s.done ? '✓' : ''),
      el('div', {}, el('strong', {}, s.title), el('div', { class: 'muted' }, s.detail)),
      s.done ? el('span', { class: 'tag ok' }, 'done') : el('a', { class: 'button', href: s.link }, 'Go'))));
    document.getElementById('updated').textContent = c.done ? 'All done: the gateway is provisioned.' : c.steps.filter(s => s.done).length + ' of ' + c.steps.length + ' done';
  }
  (async () => { if (await WG.start({ page: 'checklist.html' })) { await load(); setInterval(load, 5000); } })();
})();
