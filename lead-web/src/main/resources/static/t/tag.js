/* Page-view tag: <script async src="https://APP/t/tag.js" data-product="PRODUCT_ID"></script>
 * Sets a first-party visitor cookie (_nv) on the site, sends each page view to APP/t/hit, adopts the visitor id a
 * tracked link click hands over (?_nv=...), and honours Do-Not-Track, Global Privacy Control and the opt-out
 * (window.nurture.optOut()). Forms that identify a visitor send window.nurture.visitorId() along; embedded capture
 * forms marked data-nurture-form get it added to their address. */
(function () {
  var script = document.currentScript;
  if (!script) { return; }
  var base = script.src.replace(/\/t\/tag\.js(\?.*)?$/, '');
  var product = script.getAttribute('data-product');
  var nav = window.navigator;
  var ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  function read(name) {
    var m = document.cookie.match('(?:^|; )' + name + '=([^;]*)');
    return m ? decodeURIComponent(m[1]) : null;
  }
  function write(name, value, days) {
    document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=' + (days * 86400) +
      '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  var api = window.nurture = window.nurture || {};
  api.optOut = function () { write('_nv_optout', '1', 3650); write('_nv', '', 0); };
  api.visitorId = function () { return read('_nv'); };

  if (nav.doNotTrack === '1' || window.doNotTrack === '1' || nav.globalPrivacyControl === true ||
      read('_nv_optout') === '1' || !product) {
    return;
  }
  var params = new URLSearchParams(location.search);
  var handed = params.get('_nv');
  var visitor;
  if (handed && ID.test(handed)) {
    visitor = handed;
    params.delete('_nv');
    var rest = params.toString();
    history.replaceState(history.state, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  } else {
    visitor = read('_nv');
  }
  if (!visitor || !ID.test(visitor)) { visitor = newId(); }
  write('_nv', visitor, 730);

  // Embedded capture forms (<iframe data-nurture-form src="APP/f/KEY/embed">) are told who the visitor is, so a
  // submission identifies them; the iframe's own origin cannot read this site's cookie.
  function tellForms() {
    var frames = document.querySelectorAll('iframe[data-nurture-form]');
    for (var i = 0; i < frames.length; i++) {
      var src = frames[i].getAttribute('src') || '';
      if (src.indexOf(base + '/f/') === 0 && !/[?&]v=/.test(src)) {
        frames[i].setAttribute('src', src + (src.indexOf('?') < 0 ? '?' : '&') + 'v=' + visitor);
      }
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', tellForms);
  } else {
    tellForms();
  }

  var body = new URLSearchParams({v: visitor, p: product, u: location.href, t: document.title,
    r: document.referrer});
  if (!(nav.sendBeacon && nav.sendBeacon(base + '/t/hit', body))) {
    fetch(base + '/t/hit', {method: 'POST', body: body, keepalive: true, mode: 'no-cors'});
  }
})();
