// ttdn - small progressive enhancements; every page works without it.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  // "Select all" boxes for groups of body checkboxes.
  document.querySelectorAll('input[data-select-all]').forEach(function (box) {
    box.addEventListener('change', function () {
      var group = document.querySelectorAll('input[data-group="' + box.dataset.selectAll + '"]');
      group.forEach(function (c) { c.checked = box.checked; });
    });
  });
  // Ask before irreversible actions.
  document.querySelectorAll('[data-confirm]').forEach(function (el) {
    el.addEventListener('click', function (ev) {
      if (!window.confirm(el.dataset.confirm)) ev.preventDefault();
    });
  });
});

// Uploads show their progress: the form is sent with XMLHttpRequest so a
// <progress> bar can follow the bytes; the server's answer replaces the page.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function (ev) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      ev.preventDefault();
      var bar = document.getElementById(form.dataset.progress);
      var label = bar && document.querySelector('label[for="' + bar.id + '"]');
      if (bar) { bar.hidden = false; bar.value = 0; }
      if (label) label.hidden = false;
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.onprogress = function (e) {
        if (bar && e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
      };
      xhr.upload.onload = function () { if (bar) bar.removeAttribute('value'); }; // now reading the files
      xhr.onload = function () {
        // Accepted uploads are redirected to the page that follows the
        // import jobs: load it as a page of its own.
        if (xhr.status === 200 && xhr.responseURL &&
            new URL(xhr.responseURL).pathname !== new URL(form.action).pathname) {
          window.location.assign(xhr.responseURL);
          return;
        }
        if (xhr.responseURL) window.history.replaceState(null, '', xhr.responseURL);
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = function () { form.submit(); };
      xhr.send(new FormData(form));
    });
  });
});

// Import jobs: the page lists the uploaded files; their state, progress
// and result follow the jobs through the API (GET /api/v1/jobs/ID) until
// each has ended. Without JavaScript a reload shows the same.
document.addEventListener('DOMContentLoaded', function () {
  var table = document.getElementById('import-jobs');
  if (!table || !window.fetch) return;
  var labels = table.dataset;
  var badge = { queued: 'draft', running: 'draft', imported: 'submitted', duplicate: 'old', failed: 'overdue' };
  function status(job) { return job.result ? job.result.status : job.state; }
  function counts() {
    var c = { imported: 0, duplicate: 0, failed: 0, waiting: 0 };
    table.querySelectorAll('tr[data-job]').forEach(function (row) {
      var s = row.dataset.state;
      if (s in c) c[s]++; else c.waiting++;
    });
    Object.keys(c).forEach(function (k) {
      var el = document.querySelector('#import-summary [data-count="' + k + '"]');
      if (el) el.textContent = String(c[k]);
    });
  }
  function show(row, job) {
    var s = status(job);
    row.dataset.state = s;
    var state = row.querySelector('.job-state');
    state.className = 'badge job-state ' + (badge[s] || 'draft');
    state.textContent = labels['label' + s.charAt(0).toUpperCase() + s.slice(1)] || s;
    var bar = row.querySelector('.job-progress');
    bar.value = job.progress;
    bar.textContent = job.progress + '%';
    if (!job.result) return;
    var cell = row.querySelector('.job-result');
    cell.textContent = '';
    if (job.result.document_id) {
      var a = document.createElement('a');
      a.href = '/documents/' + job.result.document_id;
      a.textContent = (job.result.symbol ? job.result.symbol + ' – ' : '') +
        (job.result.title || labels.labelUntitled);
      cell.appendChild(a);
    } else {
      cell.textContent = job.result.message || '';
    }
  }
  function poll() {
    var rows = table.querySelectorAll('tr[data-state="queued"], tr[data-state="running"]');
    if (!rows.length) return;
    var left = rows.length;
    rows.forEach(function (row) {
      fetch('/api/v1/jobs/' + row.dataset.job, { credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (job) { if (job) show(row, job); })
        .catch(function () { /* try again on the next round */ })
        .then(function () {
          if (--left === 0) { counts(); setTimeout(poll, 1000); }
        });
    });
  }
  setTimeout(poll, 500);
});

// Date fields: a text field typed day first ("15/12/2017", "15122017"),
// checked as the server checks it, and a calendar button whose native
// picker fills the text field. Without JavaScript the server checks alone.
document.addEventListener('DOMContentLoaded', function () {
  function valid(y, m, d) {
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
    return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  }
  // [y, m, d], or the name of the message: format | ambiguous | invalid.
  function read(s) {
    s = s.trim();
    var m;
    if (!s) return null;
    if (/^\d+$/.test(s)) {
      if (s.length === 6 || s.length === 7) return 'ambiguous';
      if (s.length !== 8) return 'format';
      m = [s.slice(4), s.slice(2, 4), s.slice(0, 2)];
    } else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
      m = [m[1], m[2], m[3]];
    } else if ((m = /^(\d{1,2})([\/.-])(\d{1,2})\2(\d+)$/.exec(s))) {
      if (m[4].length === 2) return 'ambiguous';
      if (m[4].length !== 4) return 'format';
      m = [m[4], m[3], m[1]];
    } else return 'format';
    var y = +m[0], mo = +m[1], d = +m[2];
    return valid(y, mo, d) ? [y, mo, d] : 'invalid';
  }
  function two(n) { return (n < 10 ? '0' : '') + n; }
  document.querySelectorAll('input[data-date]').forEach(function (text) {
    var pick = text.parentNode.querySelector('.date-pick');
    var button = text.parentNode.querySelector('.date-button');
    function check() {
      var v = read(text.value);
      text.setCustomValidity(typeof v === 'string' ? text.dataset['msg' + v.charAt(0).toUpperCase() + v.slice(1)] : '');
      text.setAttribute('aria-invalid', typeof v === 'string' ? 'true' : 'false');
      return v;
    }
    // A date read is shown back as dd/mm/yyyy, so "30062026" visibly
    // becomes 30/06/2026 before it is sent.
    text.addEventListener('change', function () {
      var v = check();
      if (Array.isArray(v)) text.value = two(v[2]) + '/' + two(v[1]) + '/' + v[0];
      else if (typeof v === 'string') text.reportValidity();
    });
    text.addEventListener('input', function () { text.setCustomValidity(''); });
    if (!pick || !button) return;
    pick.addEventListener('change', function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(pick.value);
      if (m) { text.value = m[3] + '/' + m[2] + '/' + m[1]; check(); text.focus(); }
    });
    button.addEventListener('click', function () {
      var v = read(text.value);
      pick.value = Array.isArray(v) ? v[0] + '-' + two(v[1]) + '-' + two(v[2]) : '';
      if (pick.showPicker) { try { pick.showPicker(); return; } catch (e) { /* fall through */ } }
      pick.focus(); pick.click();
    });
  });
});

// A field that must repeat another (the new password typed twice).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('input[data-same-as]').forEach(function (again) {
    var first = document.getElementById(again.dataset.sameAs);
    if (!first) return;
    function check() { again.setCustomValidity(again.value && again.value !== first.value ? again.dataset.msg : ''); }
    again.addEventListener('input', check);
    first.addEventListener('input', check);
  });
});

// New round: a search through the long lists of bodies (without
// diacritics too) and a tick for the bodies it shows.
document.addEventListener('DOMContentLoaded', function () {
  var tools = document.getElementById('org-tools');
  if (!tools) return;
  tools.hidden = false;
  var search = document.getElementById('org-search');
  var count = document.getElementById('org-count');
  var items = Array.prototype.slice.call(document.querySelectorAll('ul.checks li'));
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
      .toLowerCase().replace(/\s+/g, ' ').trim();
  }
  items.forEach(function (li) { li.dataset.key = fold(li.textContent); });
  function shown() { return items.filter(function (li) { return !li.hidden; }); }
  function update() {
    var q = fold(search.value);
    items.forEach(function (li) { li.hidden = q !== '' && li.dataset.key.indexOf(q) < 0; });
    var ticked = document.querySelectorAll('ul.checks input[name=org]:checked').length;
    count.textContent = count.dataset.template.replace('{shown}', shown().length)
      .replace('{all}', items.length).replace('{ticked}', ticked);
  }
  search.addEventListener('input', update);
  search.addEventListener('keydown', function (e) { if (e.key === 'Enter') e.preventDefault(); });
  function tick(on) {
    shown().forEach(function (li) { var c = li.querySelector('input[name=org]'); if (c) c.checked = on; });
    update();
  }
  document.getElementById('select-shown').addEventListener('click', function () { tick(true); });
  document.getElementById('unselect-shown').addEventListener('click', function () { tick(false); });
  document.querySelectorAll('ul.checks input, input[data-select-all]').forEach(function (c) {
    c.addEventListener('change', update);
  });
  update();
});

// Report form: what is typed is kept in the browser (localStorage) while
// the form is open, restored with a notice when the page is opened again
// without having been saved, and cleared when the form is sent.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.localStorage) return;
  var key = form.dataset.autosave;
  function fields() {
    return Array.prototype.slice.call(form.querySelectorAll('textarea[name], input[type=text][name], select[name]'));
  }
  function values() {
    var v = {};
    fields().forEach(function (f) { v[f.name] = f.value; });
    return v;
  }
  var initial = JSON.stringify(values());
  var saved = null;
  try { saved = JSON.parse(window.localStorage.getItem(key) || 'null'); } catch (e) { saved = null; }
  if (saved && saved.values && JSON.stringify(saved.values) !== initial) {
    fields().forEach(function (f) { if (f.name in saved.values) f.value = saved.values[f.name]; });
    var note = document.createElement('div');
    note.className = 'notice';
    note.id = 'autosave-notice';
    note.setAttribute('role', 'status');
    var d = new Date(saved.at);
    var time = ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2) + ' ' +
      ('0' + d.getDate()).slice(-2) + '/' + ('0' + (d.getMonth() + 1)).slice(-2) + '/' + d.getFullYear();
    var p = document.createElement('p');
    p.textContent = form.dataset.restored.replace('{time}', time);
    var undo = document.createElement('button');
    undo.type = 'button';
    undo.className = 'secondary';
    undo.id = 'autosave-discard';
    undo.textContent = form.dataset.discard;
    undo.addEventListener('click', function () {
      var orig = JSON.parse(initial);
      fields().forEach(function (f) { if (f.name in orig) f.value = orig[f.name]; });
      window.localStorage.removeItem(key);
      note.remove();
    });
    note.appendChild(p);
    note.appendChild(undo);
    form.parentNode.insertBefore(note, form);
  }
  var timer = null;
  function keep() {
    var v = values();
    if (JSON.stringify(v) === initial) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: v }));
  }
  form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(keep, 300); });
  form.addEventListener('change', keep);
  form.addEventListener('submit', function () { clearTimeout(timer); window.localStorage.removeItem(key); });
});

// The activity register's suggestion beside a count of a report:
// "Dùng số này" puts it in the field; the note ("Ghi chú vì sao khác") is
// shown while the typed number differs from the suggestion.
document.addEventListener('DOMContentLoaded', function () {
  function num(s) {
    s = String(s).replace(/[\s.]/g, '').replace(',', '.');
    return s === '' ? null : Number(s);
  }
  document.querySelectorAll('button[data-use]').forEach(function (b) {
    var input = document.getElementById(b.dataset.use);
    var note = document.getElementById(b.dataset.note);
    if (!input) return;
    function toggle() {
      if (!note) return;
      var v = num(input.value);
      var area = note.querySelector('textarea');
      note.hidden = (v === null || v === num(b.dataset.value)) && !(area && area.value.trim());
    }
    b.addEventListener('click', function () {
      input.value = b.dataset.value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      toggle();
      input.focus();
    });
    input.addEventListener('input', toggle);
  });
});

// New round: choosing a legal period (Decree 09/2019) fills the period's
// days, shown day first; typing a day by hand clears the choice.
document.addEventListener('DOMContentLoaded', function () {
  var sel = document.querySelector('select[data-period]');
  if (!sel) return;
  var start = document.getElementById('period_start'), end = document.getElementById('period_end');
  if (!start || !end) return;
  function vn(iso) { return iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4); }
  sel.addEventListener('change', function () {
    var o = sel.options[sel.selectedIndex];
    if (!o || !o.value) return;
    start.value = vn(o.dataset.start);
    end.value = vn(o.dataset.end);
    [start, end].forEach(function (t) { t.setCustomValidity(''); t.setAttribute('aria-invalid', 'false'); });
  });
  [start, end].forEach(function (t) {
    t.addEventListener('input', function () { sel.value = ''; });
  });
});
