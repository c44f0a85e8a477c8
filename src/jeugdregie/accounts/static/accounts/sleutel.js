// R-P5: glue for django-otp-webauthn's scripts (a file, so CSP stays script-src 'self').
// After a key is registered, go on to the page the registration section names (data-na-registratie).
document.addEventListener("otp_webauthn.register_complete", () => {
  const sectie = document.getElementById("sleutel-registreren");
  if (sectie && sectie.dataset.naRegistratie) {
    window.location.assign(sectie.dataset.naRegistratie);
  }
});

// A ceremony the browser ended itself (no key, cancelled, timed out) never reaches the server's
// checks; report it so it is audit-logged (accounts/webauthn.py, afgebroken). Refusals by the
// server carry a response instead of an error and are logged there already.
function meldAfgebroken(stap, event) {
  const fout = event.detail && event.detail.error;
  const sectie = document.querySelector("[data-afgebroken]");
  const config = document.getElementById("otp_webauthn_config");
  if (!fout || !sectie || !config) {
    return;
  }
  fetch(sectie.dataset.afgebroken, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRFToken": JSON.parse(config.textContent).csrfToken },
    body: new URLSearchParams({ stap, fout: fout.name || "" }),
  });
}
document.addEventListener("otp_webauthn.verification_failed", (event) => meldAfgebroken("verificatie", event));
document.addEventListener("otp_webauthn.register_failed", (event) => meldAfgebroken("registratie", event));
