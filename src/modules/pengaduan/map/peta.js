// The complaint map (ADR 035), loaded by muat.js only when a map button is pressed. A slippy map of
// our own: Web Mercator tiles (256 px) from the box's data-ubin path, pan by dragging or the arrow
// keys, zoom by buttons or +/-, and
// - data-peta="pilih": a click/tap (or Enter on the focused map: its centre) sets the pin into the
//   hidden fields lintang/bujur of the form; points outside data-batas are refused;
// - data-peta="lihat": the box's elements with data-lat/data-lng become pins linking to their
//   data-href.
// Every text comes from the box's data-t-* attributes (the page's locale). Styles are set through the
// DOM (the CSP allows no inline style attributes). Without tiles the map still pans and pins.
(function () {
  'use strict';
  var T = 256;
  function project(lat, lng, z) {
    var s = T * Math.pow(2, z);
    var r = (lat * Math.PI) / 180;
    return [((lng + 180) / 360) * s, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * s];
  }
  function unproject(x, y, z) {
    var s = T * Math.pow(2, z);
    var n = Math.PI - (2 * Math.PI * y) / s;
    return [(180 / Math.PI) * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))), (x / s) * 360 - 180];
  }
  function el(tag, css, parent) {
    var e = document.createElement(tag);
    for (var k in css) e.style[k] = css[k];
    if (parent) parent.appendChild(e);
    return e;
  }
  function nums(s) {
    return (s || '').split(',').map(Number);
  }

  function open(box) {
    var t = function (k) { return box.getAttribute('data-t-' + k) || ''; };
    var pick = box.getAttribute('data-peta') === 'pilih';
    var b = nums(box.getAttribute('data-batas'));
    var bounds = { s: b[0], w: b[1], n: b[2], e: b[3] };
    var start = nums(box.getAttribute('data-pusat'));
    var z = start[2] || 13;
    var minZ = Math.max(3, z - 4);
    var maxZ = 18;
    var tileSrc = box.getAttribute('data-ubin');
    var latIn = box.querySelector('input[name=lintang]');
    var lngIn = box.querySelector('input[name=bujur]');
    var status = box.querySelector('[data-peta-pesan]');
    var pins = [];
    if (!pick) {
      Array.prototype.forEach.call(box.querySelectorAll('[data-lat]'), function (p) {
        pins.push({ lat: Number(p.getAttribute('data-lat')), lng: Number(p.getAttribute('data-lng')), label: p.getAttribute('data-label'), href: p.getAttribute('data-href') });
      });
    }
    var chosen = pick && latIn.value && lngIn.value ? { lat: Number(latIn.value), lng: Number(lngIn.value) } : null;
    var focus = chosen || (pins.length ? pins[0] : { lat: start[0], lng: start[1] });
    var c = project(focus.lat, focus.lng, z);

    var tools = el('div', { display: 'flex', flexWrap: 'wrap', gap: '.5rem', margin: '.5rem 0' }, box);
    function button(label, onClick) {
      var x = el('button', {}, tools);
      x.type = 'button';
      x.className = 'secondary';
      x.textContent = label;
      x.addEventListener('click', onClick);
      return x;
    }
    var view = el('div', { position: 'relative', overflow: 'hidden', height: '18rem', maxWidth: '40rem', background: '#e8e8e8', border: '1px solid #6b6b6b', touchAction: 'none', cursor: pick ? 'crosshair' : 'grab' }, box);
    view.tabIndex = 0;
    view.setAttribute('role', 'group');
    view.setAttribute('aria-label', t('judul'));
    var help = el('p', {}, box);
    help.className = 'hint';
    help.id = box.id + '-petunjuk';
    help.textContent = t('petunjuk');
    view.setAttribute('aria-describedby', help.id);
    var credit = el('p', {}, box);
    credit.className = 'muted';
    credit.textContent = t('atribusi');
    var layer = el('div', { position: 'absolute', inset: '0' }, view);
    var marks = el('div', { position: 'absolute', inset: '0' }, view);
    if (pick) el('span', { position: 'absolute', left: '50%', top: '50%', width: '1.25rem', height: '1.25rem', margin: '-.625rem 0 0 -.625rem', border: '2px dashed #1a1a1a', borderRadius: '50%', pointerEvents: 'none' }, view);
    button(t('perbesar'), function () { zoom(1); });
    button(t('perkecil'), function () { zoom(-1); });
    if (pick) {
      button(t('tengah'), function () { var p = unproject(c[0], c[1], z); choose(p[0], p[1]); });
      button(t('hapus'), function () { chosen = null; latIn.value = ''; lngIn.value = ''; say(t('dihapus')); draw(); });
    }

    var tiles = new Map();
    var loaded = 0;
    var failed = false;
    function say(s) { if (status) status.textContent = s; }
    function clamp() {
      var nw = project(bounds.n, bounds.w, z);
      var se = project(bounds.s, bounds.e, z);
      c[0] = Math.min(Math.max(c[0], nw[0]), se[0]);
      c[1] = Math.min(Math.max(c[1], nw[1]), se[1]);
    }
    function marker(lat, lng, node, x0, y0, w, h) {
      var p = project(lat, lng, z);
      var x = p[0] - x0;
      var y = p[1] - y0;
      node.hidden = x < -10 || y < -10 || x > w + 10 || y > h + 10;
      node.style.left = x - 9 + 'px';
      node.style.top = y - 9 + 'px';
    }
    function dot(parent, tag) {
      var d = el(tag, { position: 'absolute', width: '18px', height: '18px', borderRadius: '50%', background: '#b00020', border: '3px solid #fff', boxShadow: '0 0 0 2px #1a1a1a', boxSizing: 'border-box' }, parent);
      return d;
    }
    var pinNodes = pins.map(function (p) {
      var a = dot(marks, 'a');
      a.href = p.href;
      a.setAttribute('aria-label', p.label);
      a.title = p.label;
      return a;
    });
    var chosenNode = pick ? dot(marks, 'span') : null;
    function draw() {
      clamp();
      var w = view.clientWidth;
      var h = view.clientHeight;
      var x0 = c[0] - w / 2;
      var y0 = c[1] - h / 2;
      var n = Math.pow(2, z);
      var want = {};
      for (var tx = Math.floor(x0 / T); tx <= Math.floor((x0 + w) / T); tx++) {
        for (var ty = Math.floor(y0 / T); ty <= Math.floor((y0 + h) / T); ty++) {
          if (ty < 0 || ty >= n) continue;
          var key = z + '/' + (((tx % n) + n) % n) + '/' + ty;
          var img = tiles.get(key);
          if (!img) {
            img = el('img', { position: 'absolute', width: T + 'px', height: T + 'px', userSelect: 'none' }, layer);
            img.alt = '';
            img.draggable = false;
            img.onload = function () { loaded++; };
            img.onerror = function () {
              this.hidden = true;
              if (!loaded && !failed) { failed = true; say(t('gagal')); }
            };
            img.src = tileSrc.replace('{z}', z).replace('{x}', ((tx % n) + n) % n).replace('{y}', ty);
            tiles.set(key, img);
          }
          img.style.left = tx * T - x0 + 'px';
          img.style.top = ty * T - y0 + 'px';
          want[key] = true;
        }
      }
      tiles.forEach(function (node, k) { if (!want[k]) { layer.removeChild(node); tiles.delete(k); } });
      pins.forEach(function (p, i) { marker(p.lat, p.lng, pinNodes[i], x0, y0, w, h); });
      if (chosenNode) {
        if (chosen) marker(chosen.lat, chosen.lng, chosenNode, x0, y0, w, h);
        else chosenNode.hidden = true;
      }
    }
    function zoom(d) {
      var nz = Math.min(maxZ, Math.max(minZ, z + d));
      var f = Math.pow(2, nz - z);
      c = [c[0] * f, c[1] * f];
      z = nz;
      draw();
    }
    function choose(lat, lng) {
      if (lat < bounds.s || lat > bounds.n || lng < bounds.w || lng > bounds.e) return say(t('luar'));
      chosen = { lat: lat, lng: lng };
      latIn.value = lat.toFixed(6);
      lngIn.value = lng.toFixed(6);
      say(t('dipilih').replace('{lat}', latIn.value).replace('{lng}', lngIn.value));
      draw();
    }

    var drag = null;
    view.addEventListener('pointerdown', function (e) {
      if (e.target.closest && e.target.closest('a')) return;
      drag = { x: e.clientX, y: e.clientY, moved: 0 };
      view.setPointerCapture(e.pointerId);
    });
    view.addEventListener('pointermove', function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x;
      var dy = e.clientY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      drag.x = e.clientX;
      drag.y = e.clientY;
      c[0] -= dx;
      c[1] -= dy;
      draw();
    });
    view.addEventListener('pointerup', function (e) {
      if (!drag) return;
      var small = drag.moved < 6;
      drag = null;
      if (!small || !pick) return;
      var r = view.getBoundingClientRect();
      var p = unproject(c[0] - view.clientWidth / 2 + (e.clientX - r.left), c[1] - view.clientHeight / 2 + (e.clientY - r.top), z);
      choose(p[0], p[1]);
    });
    view.addEventListener('keydown', function (e) {
      var step = { ArrowLeft: [-64, 0], ArrowRight: [64, 0], ArrowUp: [0, -64], ArrowDown: [0, 64] }[e.key];
      if (step) { c[0] += step[0]; c[1] += step[1]; draw(); }
      else if (e.key === '+' || e.key === '=') zoom(1);
      else if (e.key === '-') zoom(-1);
      else if (pick && e.key === 'Enter') { var p = unproject(c[0], c[1], z); choose(p[0], p[1]); }
      else return;
      e.preventDefault();
    });
    window.addEventListener('resize', draw);
    draw();
    view.focus();
  }
  window.GapuraPeta = { open: open };
})();
