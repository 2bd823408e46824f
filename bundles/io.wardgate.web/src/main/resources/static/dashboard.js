'use strict';
(() => {
  const { el } = WG;
  const NAMES = {
    MDC_ECG_HEART_RATE: 'Heart rate', MDC_PULS_OXIM_SAT_O2: 'SpO₂', MDC_PULS_OXIM_PULS_RATE: 'Pulse rate',
    MDC_PRESS_BLD_NONINV_SYS: 'NIBP sys', MDC_PRESS_BLD_NONINV_DIA: 'NIBP dia', MDC_PRESS_BLD_NONINV_MEAN: 'NIBP mean',
    MDC_TEMP_BODY: 'Temperature', MDC_RESP_RATE: 'Resp. rate', MDC_CONC_AWAY_CO2_ET: 'EtCO₂',
  };

  function card(title, value, sub, state) {
    return el('section', { class: 'card status ' + (state || '') }, el('h3', {}, title), el('div', { class: 'big' }, value), el('div', { class: 'sub' }, sub));
  }

  function trend(points) {
    const w = 160, h = 40, pad = 3;
    const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: 'trend', role: 'img' });
    if (points.length < 2) return svg;
    const xs = points.map(p => p[0]), ys = points.map(p => Number(p[1]));
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const sx = t => pad + (x1 === x0 ? 0 : (t - x0) / (x1 - x0)) * (w - 2 * pad);
    const sy = v => h - pad - (y1 === y0 ? 0.5 : (v - y0) / (y1 - y0)) * (h - 2 * pad);
    svg.appendChild(el('polyline', { points: points.map(p => sx(p[0]).toFixed(1) + ',' + sy(Number(p[1])).toFixed(1)).join(' '), class: 'line' }));
    const last = points[points.length - 1];
    svg.appendChild(el('circle', { cx: sx(last[0]).toFixed(1), cy: sy(Number(last[1])).toFixed(1), r: 2.5, class: 'dot' }));
    return svg;
  }

  function device(d) {
    const vitals = d.series.map(s => {
      const last = s.points.length ? s.points[s.points.length - 1][1] : '—';
      return el('div', { class: 'vital' },
        el('div', { class: 'vname' }, NAMES[s.metric] || s.metric),
        el('div', { class: 'vvalue' }, last, el('span', { class: 'unit' }, ' ' + s.unit.replace('/min', '/min').replace('Cel', '°C').replace('mm[Hg]', 'mmHg'))),
        trend(s.points));
    });
    return el('section', { class: 'card device' },
      el('header', {}, el('h3', {}, d.location), el('span', { class: 'muted' }, (d.model || '') + ' · ' + d.id)),
      el('div', { class: 'vitals' }, vitals),
      el('footer', { class: 'muted' }, 'Last reading ' + WG.when(d.lastSeen)));
  }

  function render(data) {
    const u = data.uplink, o = data.outbox, c = data.certificate;
    const cards = [
      u.available ? card('Uplink', u.connected ? 'Connected' : 'Disconnected', u.broker || '', u.connected ? 'ok' : 'bad')
        : card('Uplink', 'Not running', 'uplink service absent', 'off'),
      o.available ? card('Outbox', String(o.envelopes), o.envelopes ? 'oldest ' + Math.round(o.ageSeconds) + ' s ago · ' + Math.round(100 * o.bytes / Math.max(1, o.capacityBytes)) + ' % full' : 'empty', o.alarm ? 'bad' : 'ok')
        : card('Outbox', 'Not running', 'outbox service absent', 'off'),
      c.available ? card('Gateway certificate', c.daysLeft + ' days', 'valid until ' + WG.when(c.notAfter), c.daysLeft < 30 ? 'warn' : 'ok')
        : card('Gateway certificate', 'None', 'no identity installed', 'off'),
      data.pendingDevices === null ? card('Pending devices', '—', 'device policy absent', 'off')
        : card('Pending devices', String(data.pendingDevices), 'awaiting approval', data.pendingDevices ? 'warn' : 'ok'),
    ];
    document.getElementById('cards').replaceChildren(...cards);
    const alarms = data.alarms.map(a => el('li', { class: 'alarm ' + a.severity }, el('span', { class: 'sev' }, a.severity), a.text));
    document.getElementById('alarms').replaceChildren(...(alarms.length ? alarms : [el('li', { class: 'alarm none' }, 'No alarms')]));
    const devices = data.devices.map(device);
    document.getElementById('devices').replaceChildren(...(devices.length ? devices : [el('p', { class: 'muted' }, 'No readings in the last 15 minutes.')]));
    document.getElementById('updated').textContent = 'Updated ' + WG.when(data.now);
  }

  async function refresh() {
    try { render(await WG.api('/api/dashboard')); } catch (e) { WG.message('msg', e.message); }
  }

  (async () => {
    if (!await WG.start({ page: 'index.html' })) return;
    await refresh();
    setInterval(refresh, 5000);
  })();
})();
