// The certification page's script, part 1: shared state, a tiny DOM builder that only ever sets
// textContent (names come from the client under test), the JSON API wrapper and view switching.
// Plain browser JS kept as text so it ships inside any build (see ui.ts); no template literals in it.

/** Runs inside app.js's function scope; CONFIG is defined before it (app-js.ts). */
export const CORE_SCRIPT = String.raw`
var API = CONFIG.prefix + '/api';
var VIEWS = ['identification', 'selection', 'certification', 'approval'];
var TITLES = {
  identification: [
    'Integrator and client info',
    'Identify the client to certify: the requests it sends are recognised by its client id and version headers.',
  ],
  selection: [
    'Certification scope',
    'Onboarding is mandatory. Select the other sections to include; a certificate names the sections it covers.',
  ],
  certification: [
    'Test cases',
    'Operate your client as each step says. The service injects the faults, plays the customer and judges the requests your client sends.',
  ],
  approval: ['Approval', 'The certificate and the report of the session.'],
};

var state = {
  view: 'identification',
  catalogue: null,
  session: null,
  pollTimer: null,
  pollFailures: 0,
  verdicts: {},
  currentKey: null,
  openSteps: new Set(),
  renderedKey: null,
};

function byId(id) {
  return document.getElementById(id);
}

/** h('p', {className: 'x'}, ['text', child]): attributes as properties or attributes, children as text or nodes. */
function h(tag, attributes, children) {
  var node = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (key) {
    var value = attributes[key];
    if (value === null || value === undefined || value === false) return;
    if (key === 'className') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.indexOf('on') === 0) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  });
  (children || []).forEach(function (child) {
    if (child === null || child === undefined || child === false) return;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** Says something to screen readers once, through the polite live region. */
function announce(text) {
  var live = byId('live');
  live.textContent = '';
  window.setTimeout(function () {
    live.textContent = text;
  }, 50);
}

function showError(error) {
  var alert = byId('alert');
  alert.textContent = error ? String(error.message || error) : '';
  alert.hidden = !error;
}

/** Calls the service's JSON API; a non-2xx answer throws with the service's message. */
async function api(method, path, body) {
  var init = { method: method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  var response = await window.fetch(API + path, init);
  var text = await response.text();
  var data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (ignored) {
    data = { message: text };
  }
  if (!response.ok) {
    var message = data && data.message ? data.message : 'HTTP ' + response.status;
    var error = new Error(message);
    error.status = response.status;
    error.body = data;
    throw error;
  }
  return data;
}

function sectionInfo(id) {
  var found = CONFIG.sections.filter(function (s) {
    return s.id === id;
  })[0];
  return found || { id: id, title: id, blurb: '' };
}

/** Keeps the session in the address, so a reload or a shared link comes back to the same screen. */
function writeHash(view) {
  var hash = state.session ? 'session=' + encodeURIComponent(state.session.id) : '';
  if (view === 'approval') hash = hash ? hash + '&view=approval' : 'view=approval';
  if (window.location.hash.slice(1) !== hash) window.history.replaceState(null, '', hash ? '#' + hash : '#');
}

function show(view) {
  if (view !== 'certification') stopPolling();
  state.view = view;
  VIEWS.forEach(function (name, index) {
    byId('view-' + name).hidden = name !== view;
    var item = document.querySelector('.stepper [data-step="' + name + '"]');
    item.classList.toggle('done', index < VIEWS.indexOf(view));
    if (name === view) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
  });
  byId('page-title').textContent = TITLES[view][0];
  byId('page-lead').textContent = TITLES[view][1];
  document.title = TITLES[view][0] + ' · PoS self-certification';
  writeHash(view);
  showError(null);
  byId('main').focus();
}

function formatTime(at) {
  return at === null || at === undefined ? '–' : new Date(at).toLocaleString();
}

function formatDuration(startedAt, endedAt) {
  if (startedAt === null || startedAt === undefined) return '';
  if (endedAt === null || endedAt === undefined) return 'running';
  return ((endedAt - startedAt) / 1000).toFixed(1) + ' s';
}
`;
