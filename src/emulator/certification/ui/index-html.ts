// The certification site's one page: the four steps of MobilePay's old self-certification website as
// four views the script switches between. Static markup only, so the CSP can forbid inline script
// and style; every dynamic part is built by app.js with textContent, never innerHTML.

/** GET /certification: the page shell. Assets are absolute so /certification and /certification/ both work. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>PoS self-certification</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/certification/assets/styles.css" />
    <script src="/certification/assets/app.js" defer></script>
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to content</a>
    <header class="hero">
      <div class="intro">
        <h1 id="page-title">Integrator and client info</h1>
        <p id="page-lead">
          Welcome to the PoS self-certification of the pos-sim emulator: the four steps of MobilePay's
          retired self-certification website, rebuilt locally. Certify as often as you like; failing has no
          consequences.
        </p>
        <p class="note">
          A certificate covers a Major.Minor client version. A new Build needs none; a new Major or Minor
          version needs a new certification.
        </p>
      </div>
      <nav aria-label="Certification steps">
        <ol class="stepper">
          <li data-step="identification"><span class="dot" aria-hidden="true"></span>Identification</li>
          <li data-step="selection"><span class="dot" aria-hidden="true"></span>Selection</li>
          <li data-step="certification"><span class="dot" aria-hidden="true"></span>Certification</li>
          <li data-step="approval"><span class="dot" aria-hidden="true"></span>Approval</li>
        </ol>
      </nav>
    </header>
    <main id="main" tabindex="-1">
      <div id="alert" class="alert" role="alert" hidden></div>
      <p id="live" class="visually-hidden" aria-live="polite" aria-atomic="true"></p>

      <section id="view-identification" class="view" aria-labelledby="identification-heading">
        <form id="identification-form" class="card" novalidate>
          <h2 id="identification-heading">Client and integrator info</h2>
          <label for="clientSystemName">Client system name</label>
          <input id="clientSystemName" name="clientSystemName" required autocomplete="off"
            placeholder="E.g. 'Integrator software name'" />
          <label for="clientId">Client id</label>
          <input id="clientId" name="clientId" required autocomplete="off" spellcheck="false"
            placeholder="The x-ibm-client-id your client sends" />
          <label for="clientSystemVersion">Version (Major.Minor.Build)</label>
          <input id="clientSystemVersion" name="clientSystemVersion" required autocomplete="off"
            pattern="\\d+\\.\\d+\\.\\d+" placeholder="E.g. '1.0.0'" aria-describedby="version-hint" />
          <p id="version-hint" class="hint">As sent in X-MobilePay-Client-System-Version.</p>
          <label for="merchantVat">Merchant VAT number</label>
          <select id="merchantVat" name="merchantVat"></select>
          <label for="callbackAlias">Callback alias (optional)</label>
          <input id="callbackAlias" name="callbackAlias" autocomplete="off" placeholder="E.g. 'Alias'" />
          <label for="callbackUrl">Callback URL (optional)</label>
          <input id="callbackUrl" name="callbackUrl" type="url" autocomplete="off"
            placeholder="E.g. 'https://integrator.com/notify'" />
          <div class="actions"><button type="submit">Proceed</button></div>
        </form>
        <div class="card" aria-labelledby="resume-heading">
          <h2 id="resume-heading">Continue a session</h2>
          <p>Sessions started earlier with the client id above.</p>
          <button type="button" id="find-sessions" class="secondary">Find sessions</button>
          <ul id="session-list" class="session-list"></ul>
        </div>
      </section>

      <section id="view-selection" class="view" aria-labelledby="selection-heading" hidden>
        <form id="selection-form" class="card">
          <fieldset>
            <legend id="selection-heading">Select certification sections</legend>
            <div id="section-options" class="options"></div>
          </fieldset>
          <div class="actions">
            <button type="button" id="back-to-identification" class="secondary">Back</button>
            <button type="submit">Proceed</button>
          </div>
        </form>
      </section>

      <section id="view-certification" class="view" aria-label="Certification cases" hidden>
        <div id="client-config" class="card config"></div>
        <div id="current-step" class="card now"></div>
        <div id="cases"></div>
        <div class="actions sticky">
          <button type="button" id="restart">Restart certification</button>
          <button type="button" id="invoke-callback" class="secondary">Invoke callback</button>
          <button type="button" id="proceed" disabled>Proceed</button>
        </div>
        <p id="action-status" class="action-status" role="status"></p>
      </section>

      <section id="view-approval" class="view" aria-label="Approval" hidden>
        <div id="approval-result" class="card"></div>
        <form id="verify-form" class="card">
          <h2>Verify a certificate</h2>
          <label for="verify-input">Paste a certificate (the JSON file)</label>
          <textarea id="verify-input" rows="8" spellcheck="false" required></textarea>
          <label for="verify-version">Client version to check it covers (optional)</label>
          <input id="verify-version" autocomplete="off" placeholder="E.g. '1.0.7'" />
          <div class="actions"><button type="submit">Verify</button></div>
          <div id="verify-result" role="status"></div>
        </form>
      </section>
    </main>
    <footer class="footer">
      <a href="#verify" id="verify-link">Verify a certificate</a>
      <a href="/certification/api/public-key" target="_blank" rel="noopener">The service's public key</a>
    </footer>
  </body>
</html>
`;
