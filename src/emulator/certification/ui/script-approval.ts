// The certification page's script, part 4: the approval step (certificate, report, JUnit), verifying a
// pasted certificate against the service's key, the certification step's buttons, and start-up.

/** Runs inside app.js's function scope, after the other parts; ends by starting the page. */
export const APPROVAL_SCRIPT = String.raw`
function sessionPath(path) {
  return '/sessions/' + encodeURIComponent(state.session.id) + path;
}

function sessionUrl(path) {
  return API + sessionPath(path);
}

function fileStem() {
  var id = state.session.identification;
  return ('certificate-' + id.clientSystemName + '-' + id.clientSystemVersion).replace(
    /[^A-Za-z0-9._-]+/g,
    '_',
  );
}

function failedSteps(session) {
  var failed = [];
  session.cases.forEach(function (c) {
    c.steps.forEach(function (step) {
      if (step.status !== 'passed')
        failed.push(
          h('li', { text: c.title + ', ' + step.title + ': ' + (step.reason || STATUS_WORDS[step.status]) }),
        );
    });
  });
  return failed;
}

async function showApproval() {
  show('approval');
  var panel = clear(byId('approval-result'));
  if (!state.session) {
    panel.append(
      h('h2', { text: 'No session' }),
      h('p', { text: 'Verify a certificate below, or identify a client to certify it.' }),
    );
    return;
  }
  var session = state.session;
  var back = h('button', {
    type: 'button',
    className: 'secondary',
    text: 'Back to the test cases',
    onclick: showCertification,
  });
  if (session.phase !== 'completed') {
    panel.append(
      h('h2', { text: 'Certification in progress' }),
      h('p', { text: 'Some steps have no verdict yet.' }),
      h('div', { className: 'actions' }, [back]),
    );
    return;
  }
  var links = h('div', { className: 'actions' }, [
    back,
    h('a', {
      className: 'button secondary',
      href: sessionUrl('/report'),
      target: '_blank',
      rel: 'noopener',
      text: 'Open the report',
    }),
    h('a', {
      className: 'button secondary',
      href: sessionUrl('/junit'),
      download: fileStem().replace('certificate-', 'junit-') + '.xml',
      text: 'Download JUnit XML',
    }),
  ]);
  if (!session.passed) {
    byId('page-title').textContent = 'Certification not passed';
    panel.append(
      h('h2', { text: 'Certification not passed' }),
      h('p', {
        text: 'No certificate: these steps did not pass. Fix the client, then restart the certification.',
      }),
      h('ul', {}, failedSteps(session)),
      links,
    );
    return;
  }
  byId('page-title').textContent = 'Certification completed';
  var version = session.identification.clientSystemVersion.split('.').slice(0, 2).join('.');
  panel.append(
    h('h2', { text: 'Certification completed.' }),
    h('p', {
      text:
        'Certification process has been finished; you can download the certificate file now. It covers ' +
        session.identification.clientSystemName +
        ' ' +
        version +
        '.x; a new Major or Minor version needs a new certification.',
    }),
  );
  links.prepend(
    h('a', {
      className: 'button',
      href: sessionUrl('/certificate'),
      download: fileStem() + '.json',
      text: 'Download certificate',
    }),
  );
  panel.append(links);
  try {
    var certificate = await api('GET', sessionPath('/certificate'));
    byId('verify-input').value = JSON.stringify(certificate, null, 2);
  } catch (error) {
    showError(error);
  }
}

function majorMinor(version) {
  var match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(String(version).trim());
  return match ? Number(match[1]) + '.' + Number(match[2]) : null;
}

async function verifyPasted(event) {
  event.preventDefault();
  var out = clear(byId('verify-result'));
  var parsed;
  try {
    parsed = JSON.parse(byId('verify-input').value);
  } catch (error) {
    out.append(
      h('p', { className: 'verdict failed', text: 'Not valid: this is not JSON (' + error.message + ').' }),
    );
    return;
  }
  try {
    var verdict = await api('POST', '/verify', parsed);
    if (!verdict || verdict.valid !== true) {
      out.append(
        h('p', {
          className: 'verdict failed',
          text: 'Not valid: ' + ((verdict && verdict.reason) || 'no reason given'),
        }),
      );
      return;
    }
    var body = verdict.certificate || {};
    out.append(
      h('p', { className: 'verdict passed', text: 'Valid: signed by this service.' }),
      definitionList([
        ['Client system', body.clientSystemName],
        ['Client id', body.clientId],
        ['Certified version', body.certifiedVersion + ' (tested with ' + body.testedVersion + ')'],
        [
          'Sections',
          (body.sections || [])
            .map(function (s) {
              return sectionInfo(s).title;
            })
            .join(', '),
        ],
        ['Issued', body.issuedAt],
      ]),
    );
    var asked = byId('verify-version').value.trim();
    if (asked) {
      var covers = majorMinor(asked) !== null && majorMinor(asked) === majorMinor(body.certifiedVersion);
      out.append(
        h('p', {
          className: 'verdict ' + (covers ? 'passed' : 'failed'),
          text: covers
            ? 'It covers version ' + asked + '.'
            : 'It does not cover version ' +
              asked +
              ': a new Major or Minor version needs a new certification.',
        }),
      );
    }
  } catch (error) {
    out.append(h('p', { className: 'verdict failed', text: 'Could not verify: ' + error.message }));
  }
}

async function restartSession() {
  try {
    state.session = await api('POST', sessionPath('/restart'));
    state.renderedKey = null;
    state.verdicts = {};
    byId('action-status').textContent = 'Certification restarted.';
    showCertification();
  } catch (error) {
    showError(error);
  }
}

async function invokeCallback() {
  var status = byId('action-status');
  status.textContent = 'Invoking the callback…';
  try {
    var result = await api('POST', sessionPath('/callback'));
    status.textContent =
      result && result.delivered
        ? 'Callback delivered' + (result.status ? ' (HTTP ' + result.status + ')' : '') + '.'
        : 'Callback not delivered: ' +
          ((result && (result.error || (result.status && 'HTTP ' + result.status))) || 'no answer') +
          '.';
  } catch (error) {
    status.textContent = '';
    showError(error);
  }
}

function start() {
  wireForms();
  byId('restart').addEventListener('click', restartSession);
  byId('invoke-callback').addEventListener('click', invokeCallback);
  byId('proceed').addEventListener('click', showApproval);
  byId('verify-form').addEventListener('submit', verifyPasted);
  byId('verify-link').addEventListener('click', function (event) {
    event.preventDefault();
    showApproval();
    byId('verify-input').focus();
  });
  var params = new URLSearchParams(window.location.hash.slice(1));
  var id = params.get('session');
  if (id) openSession(id, params.get('view'));
  else if (params.get('view') === 'approval') showApproval();
  else show('identification');
}

start();
`;
