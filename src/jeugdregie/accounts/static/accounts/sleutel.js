// R-P5: after django-otp-webauthn registered a security key or passkey, go on to the page the
// registration section names (its data-na-registratie attribute). A file, so CSP stays script-src 'self'.
document.addEventListener("otp_webauthn.register_complete", () => {
  const sectie = document.getElementById("sleutel-registreren");
  if (sectie && sectie.dataset.naRegistratie) {
    window.location.assign(sectie.dataset.naRegistratie);
  }
});
