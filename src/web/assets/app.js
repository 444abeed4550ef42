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
