// Passkeys (WebAuthn) for Koers: progressive enhancement. Without JavaScript or WebAuthn the page keeps its
// forms (codes from an authenticator app); with them, the hidden passkey parts are shown and wired here.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function fromB64url(s) {
    var b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    var bin = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function toB64url(buf) {
    var bytes = new Uint8Array(buf);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify(body || {}),
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw Object.assign(new Error(data.message || 'Er ging iets mis.'), { redirect: data.redirect });
        return data;
      });
    });
  }
  function credentialJSON(cred) {
    var r = cred.response;
    var json = { id: cred.id, rawId: toB64url(cred.rawId), type: cred.type, clientExtensionResults: cred.getClientExtensionResults(), response: {} };
    json.response.clientDataJSON = toB64url(r.clientDataJSON);
    if (r.attestationObject) {
      json.response.attestationObject = toB64url(r.attestationObject);
      json.response.transports = r.getTransports ? r.getTransports() : [];
    }
    if (r.authenticatorData) json.response.authenticatorData = toB64url(r.authenticatorData);
    if (r.signature) json.response.signature = toB64url(r.signature);
    if (r.userHandle) json.response.userHandle = toB64url(r.userHandle);
    if (cred.authenticatorAttachment) json.authenticatorAttachment = cred.authenticatorAttachment;
    return json;
  }
  function wire(box, run) {
    var nojs = document.querySelectorAll('[data-passkey-nojs]');
    for (var i = 0; i < nojs.length; i++) nojs[i].hidden = true;
    box.hidden = false;
    var status = box.querySelector('[data-passkey-status]');
    var button = box.querySelector('[data-passkey-start]');
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = 'Volg de aanwijzingen van uw browser of apparaat…';
      run(box.getAttribute('data-csrf'))
        .then(function (data) {
          status.textContent = 'Gelukt.';
          window.location.assign(data.redirect || '/');
        })
        .catch(function (err) {
          button.disabled = false;
          if (err && err.redirect) window.location.assign(err.redirect);
          status.textContent = err && err.name === 'NotAllowedError' ? 'Geannuleerd of verlopen. Probeer het opnieuw.' : (err && err.message) || 'Er ging iets mis.';
        });
    });
  }

  var login = document.querySelector('[data-passkey-login]');
  if (login) {
    wire(login, function (csrf) {
      return post('/login/passkey/opties', csrf).then(function (o) {
        var publicKey = Object.assign({}, o, {
          challenge: fromB64url(o.challenge),
          allowCredentials: (o.allowCredentials || []).map(function (c) { return Object.assign({}, c, { id: fromB64url(c.id) }); }),
        });
        return navigator.credentials.get({ publicKey: publicKey }).then(function (cred) {
          return post('/login/passkey', csrf, { response: credentialJSON(cred) });
        });
      });
    });
  }

  var register = document.querySelector('[data-passkey-register]');
  if (register) {
    wire(register, function (csrf) {
      var nameField = register.querySelector('input');
      return post('/account/passkeys/opties', csrf).then(function (o) {
        var publicKey = Object.assign({}, o, {
          challenge: fromB64url(o.challenge),
          user: Object.assign({}, o.user, { id: fromB64url(o.user.id) }),
          excludeCredentials: (o.excludeCredentials || []).map(function (c) { return Object.assign({}, c, { id: fromB64url(c.id) }); }),
        });
        return navigator.credentials.create({ publicKey: publicKey }).then(function (cred) {
          return post('/account/passkeys', csrf, { response: credentialJSON(cred), name: nameField ? nameField.value : '' });
        });
      });
    });
  }
})();
