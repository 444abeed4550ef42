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
