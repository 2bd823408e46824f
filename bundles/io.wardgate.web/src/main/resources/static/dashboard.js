'use strict';
(() => {
  const { el } = WG;
  const UNITS = { '/min': '/min', 'Cel': '°C', 'mm[Hg]': 'mmHg', '%': '%', '1': '', '{beats}/min': '/min', '{breaths}/min': '/min' };
  // A value older than this is marked: NIBP is intermittent, so its age matters as much as its value.
  const STALE_SECONDS = 60;

  function age(seconds) {
    if (seconds < 60) return Math.max(0, Math.round(seconds)) + ' s ago';
    if (seconds < 3600) return Math.round(seconds / 60) + ' min ago';
    return Math.round(seconds / 3600) + ' h ago';
  }

  function card(title, value, sub, state, sub2) {
    return el('section', { class: 'card status ' + (state || '') }, el('h3', {}, title), el('div', { class: 'big' }, value),
      el('div', { class: 'sub', title: sub }, sub), sub2 ? el('div', { class: 'sub2' }, sub2) : null);
  }

  function trend(points, extra) {
    const w = 160, h = 40, pad = 3;
    const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, class: 'trend' + (extra ? ' ' + extra : ''), role: 'img' });
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

  let alarmsOn = true;

  function device(d, now) {
    const vitals = d.series.map(s => {
      const lastPoint = s.points.length ? s.points[s.points.length - 1] : null;
      const seconds = lastPoint ? (Date.parse(now) - lastPoint[0]) / 1000 : null;
      const unit = s.unit in UNITS ? UNITS[s.unit] : s.unit;
      return el('div', { class: 'vital', title: s.metric + ' (MDC ' + s.code + ')' },
        el('div', { class: 'vname' }, s.name || s.metric),
        el('div', { class: 'vvalue' }, lastPoint ? lastPoint[1] : '—', unit ? el('span', { class: 'unit' }, ' ' + unit) : null),
        el('div', { class: 'vage' + (seconds !== null && seconds > STALE_SECONDS ? ' stale' : '') }, seconds === null ? 'no value' : age(seconds)),
        trend(s.points));
    });
    const alerts = (d.alerts || []).map(a => el('li', { class: 'dalert ' + a.kind, title: WG.when(a.at) },
      el('span', { class: 'sev' }, KIND[a.kind] || a.kind), a.text,
      el('span', { class: 'muted' }, ' · ' + age((Date.parse(now) - Date.parse(a.at)) / 1000))));
    return el('section', { class: 'card device', 'data-device': d.id },
      el('header', {}, el('h3', {}, d.bed || d.location),
        el('span', { class: 'muted' }, [d.bed ? d.place : null, d.model || null, d.id].filter(x => x).join(' · '))),
      el('ul', { class: 'dalerts', 'aria-label': 'Device alarms and status flags' },
        alerts.length ? alerts : el('li', { class: 'dalert none' }, alarmsOn ? 'No device alarm or status flag in the last 15 min'
          : 'Device alarms are not available: the adapter (bundle io.wardgate.web.adapters) is not running')),
      el('div', { class: 'vitals' }, vitals),
      el('footer', { class: 'muted' }, d.lastSeen ? 'Last reading ' + WG.when(d.lastSeen) : 'No reading in the last 15 min'));
  }
  // What the device said, as the gateway heard it (may be late): not for patient care.
  const KIND = { alarm: 'device alarm', technical: 'technical', flags: 'status' };

  function render(data) {
    const u = data.uplink, o = data.outbox, c = data.certificate;
    const uplinkProblem = (data.components || []).find(p => p.pid.startsWith('io.wardgate.uplink'));
    const outboxCard = () => {
      const full = Math.round(100 * o.bytes / Math.max(1, o.capacityBytes));
      const section = card('Outbox', String(o.envelopes) + ' waiting',
        o.envelopes ? 'oldest ' + age(o.ageSeconds) + ' · ' + full + ' % full' + (o.growing ? ' · growing' : '') : 'empty: everything was acknowledged',
        o.alarm ? 'bad' : o.growing ? 'warn' : 'ok');
      if (o.trend && o.trend.length > 1) section.appendChild(trend(o.trend, 'backlog'));
      return section;
    };
    const cards = [
      u.available ? card('Uplink', u.connected ? 'Connected' : 'Disconnected', u.broker || '',
        u.connected ? 'ok' : 'bad', (u.since ? (u.connected ? 'connected since ' : 'down since ') + WG.when(u.since) + ' · ' : '')
          + u.published + ' published · ' + u.acknowledged + ' acknowledged by the broker')
        : card('Uplink', 'Not running', uplinkProblem ? uplinkProblem.reason : 'the uplink is not configured', 'bad'),
      o.available ? outboxCard() : card('Outbox', 'Not running', 'outbox service absent', 'off'),
      c.available ? card('Gateway certificate', c.daysLeft + ' days', 'valid until ' + WG.when(c.notAfter), c.daysLeft < 30 ? 'warn' : 'ok')
        : card('Gateway certificate', 'None', 'no certificate installed: see Security', 'off'),
      data.pendingDevices === null ? card('Pending devices', '—', 'device policy absent', 'off')
        : card('Pending devices', String(data.pendingDevices), 'awaiting approval', data.pendingDevices ? 'warn' : 'ok'),
    ];
    document.getElementById('cards').replaceChildren(...cards);
    const alarms = data.alarms.map(a => el('li', { class: 'alarm ' + a.severity }, el('span', { class: 'sev' }, 'gateway ' + a.severity), a.text));
    document.getElementById('alarms').replaceChildren(...(alarms.length ? alarms : [el('li', { class: 'alarm none' }, 'No gateway alarms')]));
    alarmsOn = data.deviceAlarms !== false;
    const devices = data.devices.map(d => device(d, data.now));
    document.getElementById('devices').replaceChildren(...(devices.length ? devices : [el('p', { class: 'muted' }, 'No readings in the last 15 minutes.')]));
    document.getElementById('updated').textContent = 'Updated ' + WG.when(data.now) + (data.gatewayId ? ' · gateway ' + data.gatewayId : '');
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
