// @ts-check
// Donation form: typing an amount of your own selects "Other amount"; choosing a preset clears it.
import { find } from './dom.js';

const form = document.querySelector('.donate-form');
const custom = form && find(form, 'input[name="customAmount"]', HTMLInputElement);
const customRadio = form && find(form, '[data-custom-radio]', HTMLInputElement);
if (form && custom && customRadio) {
  custom.addEventListener('input', () => {
    if (custom.value.trim() !== '') customRadio.checked = true;
  });
  form.addEventListener('change', (e) => {
    const t = e.target;
    if (t instanceof HTMLInputElement && t.name === 'amount' && t.value !== 'custom') custom.value = '';
    if (t === customRadio) custom.focus();
  });
  document.getElementById('form-errors')?.focus();
}
