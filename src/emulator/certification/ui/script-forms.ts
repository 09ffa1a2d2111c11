// The certification page's script, part 2: the identification and selection steps. Validation happens
// here for quick feedback, but the service validates again; its 400 message is shown as it comes.

/** Runs inside app.js's function scope, after CORE_SCRIPT. */
export const FORMS_SCRIPT = String.raw`
var VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

function setFieldError(input, message) {
  var hintId = input.id + '-error';
  var old = byId(hintId);
  if (old) old.remove();
  var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
    return id && id !== hintId;
  });
  if (message) {
    input.insertAdjacentElement('afterend', h('p', { id: hintId, className: 'field-error', text: message }));
    described.push(hintId);
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
  if (described.length > 0) input.setAttribute('aria-describedby', described.join(' '));
  else input.removeAttribute('aria-describedby');
}

/** The identification the form describes, or null after marking what is wrong. */
function readIdentification() {
  var value = function (id) {
    return byId(id).value.trim();
  };
  var checks = [
    ['clientSystemName', value('clientSystemName') ? '' : 'Enter the name of the software being certified.'],
    ['clientId', value('clientId') ? '' : 'Enter the client id your client sends.'],
    [
      'clientSystemVersion',
      VERSION_PATTERN.test(value('clientSystemVersion'))
        ? ''
        : 'Enter the version as Major.Minor.Build, e.g. 1.0.0.',
    ],
    [
      'callbackUrl',
      !value('callbackUrl') || /^https?:\/\/\S+$/.test(value('callbackUrl'))
        ? ''
        : 'Enter an http(s) URL, or leave it empty.',
    ],
  ];
  var firstBad = null;
  checks.forEach(function (check) {
    setFieldError(byId(check[0]), check[1]);
    if (check[1] && !firstBad) firstBad = byId(check[0]);
  });
  if (firstBad) {
    firstBad.focus();
    return null;
  }
  return {
    clientSystemName: value('clientSystemName'),
    clientId: value('clientId'),
    clientSystemVersion: value('clientSystemVersion'),
    merchantVat: byId('merchantVat').value,
    callbackAlias: value('callbackAlias') || null,
    callbackUrl: value('callbackUrl') || null,
  };
}

function sessionsOf(data) {
  if (Array.isArray(data)) return data;
  return data && Array.isArray(data.sessions) ? data.sessions : [];
}

async function findSessions() {
  var clientId = byId('clientId').value.trim();
  var list = clear(byId('session-list'));
  if (!clientId) {
    setFieldError(byId('clientId'), 'Enter the client id to find its sessions.');
    byId('clientId').focus();
    return;
  }
  try {
    var sessions = sessionsOf(await api('GET', '/sessions?clientId=' + encodeURIComponent(clientId)));
    if (sessions.length === 0) list.appendChild(h('li', { text: 'No sessions for this client id.' }));
    sessions.forEach(function (session) {
      var id = session.identification || {};
      var outcome =
        session.phase === 'completed'
          ? session.passed
            ? 'passed'
            : 'not passed'
          : session.active === false
            ? 'ended unfinished (a newer session replaced it)'
            : 'in progress';
      var label =
        (id.clientSystemName || '') +
        ' ' +
        (id.clientSystemVersion || '') +
        ', started ' +
        formatTime(session.startedAt) +
        ', ' +
        outcome;
      list.appendChild(
        h('li', {}, [
          h('span', { text: label }),
          h(
            'button',
            {
              type: 'button',
              className: 'secondary',
              'aria-label': 'Open session: ' + label,
              onclick: function () {
                openSession(session.id);
              },
            },
            ['Open'],
          ),
        ]),
      );
    });
    announce(sessions.length + ' sessions found');
  } catch (error) {
    showError(error);
  }
}

/** The catalogue as [{id, title, mandatory, cases}], from {sections: [...]} or a flat list of cases. */
function catalogueSections(data) {
  if (data && Array.isArray(data.sections)) return data.sections;
  var cases = Array.isArray(data) ? data : data && Array.isArray(data.cases) ? data.cases : [];
  var sections = [];
  cases.forEach(function (c) {
    var entry = sections.filter(function (s) {
      return s.id === c.section;
    })[0];
    if (!entry) {
      entry = { id: c.section, mandatory: c.section === CONFIG.mandatory, cases: [] };
      sections.push(entry);
    }
    entry.cases.push(c);
  });
  return sections;
}

async function loadCatalogue() {
  if (state.catalogue) return state.catalogue;
  try {
    state.catalogue = catalogueSections(await api('GET', '/catalogue'));
  } catch (ignored) {
    state.catalogue = [];
  }
  return state.catalogue;
}

/** The selection step: one card per section, Onboarding checked and fixed as the old site had it. */
async function renderSelection() {
  var catalogue = await loadCatalogue();
  var options = clear(byId('section-options'));
  CONFIG.sections.forEach(function (section) {
    var entry = catalogue.filter(function (s) {
      return s.id === section.id;
    })[0];
    if (catalogue.length > 0 && !entry) return;
    var mandatory = entry ? entry.mandatory === true : section.id === CONFIG.mandatory;
    var cases = entry && Array.isArray(entry.cases) ? entry.cases.length + ' cases. ' : '';
    var input = h('input', {
      type: 'checkbox',
      name: 'section',
      value: section.id,
      'aria-describedby': 'section-' + section.id + '-blurb',
    });
    input.checked = mandatory;
    input.disabled = mandatory;
    options.appendChild(
      h('label', { className: 'option' }, [
        input,
        h('div', {}, [
          h('strong', { text: (entry && entry.title) || section.title }),
          h('span', {
            id: 'section-' + section.id + '-blurb',
            text: cases + section.blurb + (mandatory ? ' (mandatory)' : ''),
          }),
        ]),
      ]),
    );
  });
}

async function startSession(identification) {
  var sections = Array.prototype.map.call(
    document.querySelectorAll('#section-options input:checked'),
    function (input) {
      return input.value;
    },
  );
  try {
    state.session = await api('POST', '/sessions', { identification: identification, sections: sections });
    state.renderedKey = null;
    state.verdicts = {};
    showCertification();
  } catch (error) {
    showError(error);
  }
}

function wireForms() {
  var vat = byId('merchantVat');
  CONFIG.merchantVats.forEach(function (entry) {
    vat.appendChild(h('option', { value: entry.vat, text: entry.label }));
  });
  var identification = null;
  byId('identification-form').addEventListener('submit', function (event) {
    event.preventDefault();
    identification = readIdentification();
    if (!identification) return;
    show('selection');
    renderSelection();
  });
  byId('find-sessions').addEventListener('click', findSessions);
  byId('back-to-identification').addEventListener('click', function () {
    show('identification');
  });
  byId('selection-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (identification) startSession(identification);
    else show('identification');
  });
}
`;
