// Tally status page: re-renders the cameras from /status.json every 2 s and reloads the snapshots.
(function () {
  'use strict';
  var PERIOD = 2000;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function num(v) { return v === null || v === undefined ? '–' : String(v); }
  function time(ms) { return ms ? new Date(ms).toLocaleTimeString() : 'none yet'; }
  function sum(obj) { var s = 0; for (var k in obj) { s += obj[k]; } return s; }
  var images = {};
  function shot(cam) {
    var box = el('div', 'shot');
    var img = images[cam.id];
    if (!img) {
      img = el('img');
      img.alt = 'latest frame of ' + cam.name;
      img.src = cam.snapshot;
      images[cam.id] = img;
    }
    box.appendChild(img);
    box.appendChild(el('div', 'noimg', 'no frame yet'));
    return box;
  }
  function card(cam, classes) {
    var a = el('article', 'cam ' + cam.state);
    a.setAttribute('data-camera', cam.id);
    if (images[cam.id] && images[cam.id].getAttribute('data-missing')) { a.classList.add('noframe'); }
    var h = el('header');
    h.appendChild(el('h2', null, cam.name));
    h.appendChild(el('span', 'badge', cam.state.toUpperCase()));
    h.appendChild(el('span', 'fps', cam.fps + ' fps'));
    a.appendChild(h);
    a.appendChild(shot(cam));
    var c = cam.counts;
    if (!c) {
      a.appendChild(el('div', 'detail none', 'no counts yet'));
    } else {
      var row = el('div', 'counts');
      classes.forEach(function (k) {
        var b = el('div', 'c');
        b.appendChild(el('div', 'n', Math.round(c.present[k])));
        b.appendChild(el('div', 'l', k));
        b.appendChild(el('div', 'u', c.unique[k] + ' seen'));
        row.appendChild(b);
      });
      a.appendChild(row);
      var d = el('div', 'detail');
      c.lines.forEach(function (l) {
        var s = el('span');
        s.appendChild(el('span', 'k', 'line ' + l.name + ' '));
        s.appendChild(el('b', null, '↓' + l['in'] + ' in · ↑' + l.out + ' out'));
        d.appendChild(s);
      });
      c.zones.forEach(function (z) {
        var s = el('span');
        s.appendChild(el('span', 'k', 'zone ' + z.name + ' '));
        s.appendChild(el('b', null, z.occupancy + ' inside'));
        d.appendChild(s);
      });
      a.appendChild(d);
      if (c.rules.length) {
        var r = el('div', 'detail');
        c.rules.forEach(function (x) { r.appendChild(el('span', x.active ? 'rule on' : 'rule', x.name)); });
        a.appendChild(r);
      }
    }
    var age = cam.last_frame_age_ms < 0 ? 'no frame yet' : 'last frame ' + Math.round(cam.last_frame_age_ms / 1000) + ' s ago';
    a.appendChild(el('footer', null, cam.frames_processed + ' frames · ' + cam.frames_dropped + ' dropped · ' + age));
    return a;
  }
  function totals(s) {
    var box = document.getElementById('totals');
    box.textContent = '';
    if (!s.totals) { return; }
    s.classes.forEach(function (k) {
      var t = el('div', 'tot');
      t.appendChild(el('div', 'cls', k));
      t.appendChild(el('div', 'big', Math.round(s.totals.present[k])));
      t.appendChild(el('div', 'sub', 'in view · ' + s.totals.unique[k] + ' seen · ↓' + s.totals['in'][k] + ' in · ↑' + s.totals.out[k] + ' out'));
      box.appendChild(t);
    });
  }
  function render(s) {
    document.getElementById('site').textContent = s.site;
    var up = document.getElementById('up');
    up.textContent = s.cameras_up + '/' + s.cameras_total + ' cameras up';
    up.className = 'pill ' + (s.cameras_up === s.cameras_total ? 'ok' : 'bad');
    document.getElementById('asof').textContent = 'counts ' + time(s.counts_at_ms) + ' · updated ' + time(s.generated_at_ms);
    totals(s);
    var grid = document.getElementById('cams');
    var next = document.createDocumentFragment();
    s.cameras.forEach(function (cam) { next.appendChild(card(cam, s.classes)); });
    grid.textContent = '';
    grid.appendChild(next);
  }
  function reloadImages() {
    Object.keys(images).forEach(function (id) {
      var img = images[id];
      var base = img.getAttribute('data-src') || img.getAttribute('src').split('?')[0];
      img.setAttribute('data-src', base);
      var url = base + '?t=' + Date.now();
      var pre = new Image();
      pre.onload = function () { img.setAttribute('src', url); img.removeAttribute('data-missing'); mark(id, false); };
      pre.onerror = function () { img.setAttribute('data-missing', '1'); mark(id, true); };
      pre.src = url;
    });
  }
  function mark(id, missing) {
    document.querySelectorAll('article.cam').forEach(function (a) {
      if (a.getAttribute('data-camera') === id) { a.classList.toggle('noframe', missing); }
    });
  }
  function tick() {
    fetch('/status.json', {cache: 'no-store'}).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (s) {
      document.body.classList.remove('offline');
      render(s);
      reloadImages();
    }).catch(function () {
      document.body.classList.add('offline');
    });
  }
  document.querySelectorAll('article.cam').forEach(function (a) {
    var img = a.querySelector('img');
    if (img) {
      images[a.getAttribute('data-camera')] = img;
      img.onerror = function () { img.setAttribute('data-missing', '1'); a.classList.add('noframe'); };
    }
  });
  tick();
  setInterval(tick, PERIOD);
})();
