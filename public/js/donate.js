// Donation form: typing an amount of your own selects "Other amount"; choosing a preset clears it.
(function () {
  'use strict';
  var form = document.querySelector('.donate-form');
  if (!form) return;
  var custom = form.querySelector('input[name="customAmount"]');
  var customRadio = form.querySelector('[data-custom-radio]');
  if (!custom || !customRadio) return;
  custom.addEventListener('input', function () {
    if (custom.value.trim() !== '') customRadio.checked = true;
  });
  form.addEventListener('change', function (e) {
    var t = e.target;
    if (t && t.name === 'amount' && t.value !== 'custom') custom.value = '';
    if (t === customRadio) custom.focus();
  });
  var summary = document.getElementById('form-errors');
  if (summary) summary.focus();
})();
