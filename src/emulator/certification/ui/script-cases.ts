// The certification page's script, part 3: the certification step. It polls the session every second
// while certifying (and stops once every step has a verdict), shows what to do now, each case's steps
// with their status and reasons, and announces verdicts to screen readers as they arrive.

/** Runs inside app.js's function scope, after CORE_SCRIPT and FORMS_SCRIPT. */
export const CASES_SCRIPT = String.raw`
var STATUS_WORDS = {
  passed: 'Passed',
  failed: 'Failed',
  'in-progress': 'In progress',
  'not-tested': 'Not tested',
};
var CASE_WORDS = {
  passed: 'Case passed',
  failed: 'Case failed',
  'in-progress': 'In progress',
  'not-tested': 'Case not tested',
};
var CASE_ICONS = { passed: '✓', failed: '✗', 'in-progress': '…', 'not-tested': '!' };

function stopPolling() {
  if (state.pollTimer !== null) window.clearTimeout(state.pollTimer);
  state.pollTimer = null;
}

function schedulePoll() {
  stopPolling();
  if (!state.session || state.session.phase === 'completed' || state.view !== 'certification') return;
  if (isEnded(state.session)) return;
  var delay = state.pollFailures > 0 ? Math.min(10000, 1000 * Math.pow(2, state.pollFailures)) : 1000;
  state.pollTimer = window.setTimeout(poll, delay);
}

async function poll() {
  state.pollTimer = null;
  if (!state.session) return;
  try {
    var session = await api('GET', '/sessions/' + encodeURIComponent(state.session.id));
    state.pollFailures = 0;
    showError(null);
    if (state.view === 'certification') updateSession(session);
  } catch (error) {
    state.pollFailures += 1;
    showError(new Error('Lost contact with the certification service (' + error.message + '); retrying.'));
  }
  schedulePoll();
}

function definitionList(rows) {
  var list = h('dl');
  rows.forEach(function (row) {
    if (row[1] === null || row[1] === undefined || row[1] === '') return;
    list.appendChild(h('dt', { text: row[0] }));
    list.appendChild(h('dd', { text: String(row[1]) }));
  });
  return list;
}

function renderConfig(session) {
  var id = session.identification;
  clear(byId('client-config')).append(
    h('h2', { text: 'Configure your client' }),
    definitionList([
      ['API base URL', session.apiBaseUrl],
      ['Client id', id.clientId],
      ['Client system', id.clientSystemName + ' ' + id.clientSystemVersion],
      ['Merchant VAT number', id.merchantVat],
      ['merchantBrandId', CONFIG.merchant.merchantBrandId],
      ['merchantLocationId', CONFIG.merchant.merchantLocationId],
      ['Poll delay', session.pollDelayMs + ' ms'],
      [
        'Callback',
        id.callbackUrl ? (id.callbackAlias ? id.callbackAlias + ': ' : '') + id.callbackUrl : null,
      ],
    ]),
  );
}

function findCurrent(session) {
  if (!session.current) return null;
  var found = null;
  session.cases.forEach(function (c) {
    c.steps.forEach(function (step) {
      if (c.id === session.current.caseId && step.id === session.current.stepId)
        found = { kase: c, step: step };
    });
  });
  return found;
}

/** Ended without completing: a newer session of the same client id took its requests over. */
function isEnded(session) {
  return session.phase !== 'completed' && session.active === false;
}

function renderCurrent(session) {
  var panel = clear(byId('current-step'));
  if (isEnded(session)) {
    panel.append(
      h('h2', { text: 'Session ended' }),
      h('p', {
        className: 'verdict failed',
        text:
          'This session ended before every step had a verdict: a newer session for client id ' +
          session.identification.clientId +
          ' replaced it, and your client is judged there now. Restart the certification to take over ' +
          'again, or open the newer session under "Continue a session".',
      }),
    );
    return;
  }
  var current = findCurrent(session);
  if (!current) {
    var word = session.passed ? 'Every step passed.' : 'Every step has a verdict; not all passed.';
    panel.append(
      h('h2', { text: 'Certification completed' }),
      h('p', {
        className: 'verdict ' + (session.passed ? 'passed' : 'failed'),
        text: word + ' Proceed to the approval.',
      }),
    );
    return;
  }
  panel.append(
    h('h2', { text: 'Now: ' + current.kase.title + ', ' + current.step.title }),
    definitionList([
      ['Do on your client', current.step.instruction],
      ['The service', current.step.service],
      ['Judged', current.step.judges + (current.step.rule ? ' (' + current.step.rule + ')' : '')],
    ]),
  );
}

function stepItem(session, step) {
  var isCurrent = session.current && session.current.stepId === step.id;
  var details = h('details', { 'data-step': step.id }, [
    h('summary', { text: 'Details' }, [
      h('span', { className: 'visually-hidden', text: ' of ' + step.title }),
    ]),
    definitionList([
      ['Do on your client', step.instruction],
      ['The service', step.service],
      ['Judged', step.judges],
      ['Rule', step.rule],
      ['Duration', formatDuration(step.startedAt, step.endedAt)],
    ]),
  ]);
  details.open = state.openSteps.has(step.id);
  details.addEventListener('toggle', function () {
    if (details.open) state.openSteps.add(step.id);
    else state.openSteps.delete(step.id);
  });
  return h(
    'li',
    { className: step.status + (isCurrent ? ' current' : ''), 'aria-current': isCurrent ? 'step' : null },
    [
      h('div', { className: 'step-line' }, [
        h('span', { className: 'badge ' + step.status, text: STATUS_WORDS[step.status] || step.status }),
        h('span', { text: step.title }),
      ]),
      step.reason ? h('p', { className: 'reason ' + step.status, text: step.reason }) : null,
      details,
    ],
  );
}

function caseCard(session, c, n) {
  var headingId = 'case-' + c.id + '-title';
  return h('article', { className: 'card case ' + c.status, 'aria-labelledby': headingId }, [
    h('div', { className: 'case-body' }, [
      h('h3', { id: headingId, text: 'Case ' + n + ': ' + c.title }),
      h('p', { text: c.description }),
      h(
        'ol',
        { className: 'steps', 'aria-label': 'Steps' },
        c.steps.map(function (step) {
          return stepItem(session, step);
        }),
      ),
    ]),
    h('div', { className: 'case-status ' + c.status }, [
      h('span', { className: 'icon', 'aria-hidden': 'true', text: CASE_ICONS[c.status] || '' }),
      CASE_WORDS[c.status] || c.status,
    ]),
  ]);
}

/** Rebuilds the cases only when they changed, keeping open details and the focused toggle. */
function renderCases(session) {
  var key = JSON.stringify([session.cases, session.current]);
  if (key === state.renderedKey) return;
  state.renderedKey = key;
  var focused =
    document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('details[data-step]')
      : null;
  var focusedStep = focused ? focused.getAttribute('data-step') : null;
  var container = clear(byId('cases'));
  var order = session.sections.slice();
  session.cases.forEach(function (c) {
    if (order.indexOf(c.section) === -1) order.push(c.section);
  });
  order.forEach(function (sectionId) {
    var cases = session.cases.filter(function (c) {
      return c.section === sectionId;
    });
    if (cases.length === 0) return;
    var info = sectionInfo(sectionId);
    container.append(h('h2', { className: 'section-title', text: info.title }), h('p', { text: info.blurb }));
    cases.forEach(function (c, index) {
      container.append(caseCard(session, c, index + 1));
    });
  });
  if (focusedStep) {
    container.querySelectorAll('details[data-step]').forEach(function (again) {
      if (again.getAttribute('data-step') === focusedStep) again.querySelector('summary').focus();
    });
  }
}

/** Tells screen readers about new verdicts and the next step, once each. */
function announceChanges(session) {
  var news = [];
  session.cases.forEach(function (c) {
    c.steps.forEach(function (step) {
      var before = state.verdicts[step.id];
      if (
        before !== undefined &&
        before !== step.status &&
        (step.status === 'passed' || step.status === 'failed')
      )
        news.push(
          step.title +
            ': ' +
            STATUS_WORDS[step.status] +
            (step.reason && step.status === 'failed' ? ', ' + step.reason : ''),
        );
      state.verdicts[step.id] = step.status;
    });
  });
  var current = isEnded(session) ? null : findCurrent(session);
  var currentKey = isEnded(session) ? 'ended' : current ? current.step.id : 'done';
  if (state.currentKey !== null && currentKey !== state.currentKey)
    news.push(
      currentKey === 'ended'
        ? 'Session ended: a newer session replaced it'
        : current
          ? 'Next step: ' + current.step.title
          : 'Certification completed',
    );
  state.currentKey = currentKey;
  if (news.length > 0) announce(news.join('. '));
}

function updateSession(session) {
  state.session = session;
  renderConfig(session);
  renderCurrent(session);
  renderCases(session);
  announceChanges(session);
  byId('proceed').disabled = session.phase !== 'completed';
  byId('invoke-callback').disabled = !session.identification.callbackUrl;
}

function showCertification() {
  show('certification');
  state.currentKey = null;
  updateSession(state.session);
  schedulePoll();
}

async function openSession(id, view) {
  try {
    state.session = await api('GET', '/sessions/' + encodeURIComponent(id));
    state.renderedKey = null;
    state.verdicts = {};
    if (view === 'approval') showApproval();
    else showCertification();
  } catch (error) {
    show('identification');
    showError(error);
  }
}
`;
