// @ts-check
// The article editor's enhancements: autosave (editor/autosave.js). Every one is optional: without this
// script the form is a plain form that saves on "Save".
import { startAutosave } from './editor/autosave.js';

const form = document.getElementById('article-form');
const status = document.getElementById('autosave-status');
if (form instanceof HTMLFormElement && status) startAutosave(form, status);
