/* The wire format of SPEC.md "Wire format" in the browser: canonical
 * protobuf encoding of an Act and its Envelope, the bytes a signature
 * covers, a plain decoder for the messages a page reads (Envelope, Act,
 * Receipt, Roster members), key ids and minisign public key text.
 * The same file runs in node (tests/browser/encoder.test.js compares its
 * bytes with the C encoder's). No dependency. */
(function (root) {
  'use strict';

  const utf8 = new TextEncoder();
  const utf8Strict = new TextDecoder('utf-8', { fatal: true });

  /* ---------------------------------------------------------- encoding */

  /* Minimal varint (canonical rule 5); a negative int64 is the 10-byte
   * two's complement. */
  function varint(value) {
    let v = BigInt(value);
    if (v < 0n) v += 1n << 64n;
    const out = [];
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return out;
  }

  /* Writes fields in the order they are added; callers add them in field
   * number order and skip defaults (canonical rules 1 and 2). */
  class Writer {
    constructor() { this.bytes = []; }
    tag(field, wire) { this.bytes.push(...varint((field << 3) | wire)); }
    uint(field, value) {
      if (BigInt(value) === 0n) return this;
      this.tag(field, 0);
      this.bytes.push(...varint(value));
      return this;
    }
    bool(field, value) { return this.uint(field, value ? 1 : 0); }
    raw(field, bytes) {
      if (bytes.length === 0) return this;
      this.tag(field, 2);
      this.bytes.push(...varint(bytes.length));
      for (const b of bytes) this.bytes.push(b);
      return this;
    }
    string(field, text) { return this.raw(field, utf8.encode(text || '')); }
    finish() { return Uint8Array.from(this.bytes); }
  }

  const ACT_KINDS = ['', 'attend', 'leave', 'object', 'withdraw', 'vote', 'request-vote',
                     'accept', 'statement'];
  const CHOICES = ['', 'yes', 'no', 'abstain'];
  const BODY_ACT = 2;
  const ACT_TAG = 'wtovote/v1/act';

  function enumIndex(table, name, what) {
    const i = table.indexOf(name);
    if (i <= 0) throw new Error(what + ': "' + name + '" is not one of ' + table.slice(1).join(', '));
    return i;
  }

  /* act: {meeting_id, member, kind ("vote"...), item, choice ("yes"...),
   * eu_bloc, time (Unix seconds), statement, meeting_ref (32 bytes, when the
   * meeting has one), nonce (16 bytes)}. Returns the Act body bytes. */
  function encodeAct(act) {
    const w = new Writer();
    w.uint(1, 1);
    w.string(2, act.meeting_id);
    w.string(3, act.member);
    w.uint(4, enumIndex(ACT_KINDS, act.kind, 'kind'));
    w.uint(5, act.item || 0);
    w.uint(6, act.choice ? enumIndex(CHOICES, act.choice, 'choice') : 0);
    w.bool(7, act.eu_bloc);
    w.uint(8, act.time);
    w.string(9, act.statement);
    w.raw(10, act.meeting_ref || new Uint8Array(0));
    w.raw(11, act.nonce || new Uint8Array(0));
    return w.finish();
  }

  function encodeEnvelope(type, body, keyId, signature) {
    return new Writer().uint(1, 1).uint(2, type).raw(3, body).raw(4, keyId)
      .raw(5, signature).finish();
  }

  /* SPEC "Signatures and domain tags": M = tag || 0x00 || body. */
  function signedBytes(tag, body) {
    const t = utf8.encode(tag);
    const m = new Uint8Array(t.length + 1 + body.length);
    m.set(t, 0);
    m.set(body, t.length + 1);
    return m;
  }

  /* ---------------------------------------------------------- decoding */

  /* A message as {field: [values]}: varints as BigInt, length-delimited
   * fields as Uint8Array. Refuses truncation and wire types 1, 3-7 (none
   * is used by the wire format). Not a canonical check: the server is the
   * judge of what it admits; the page reads what the server sent. */
  function decodeFields(bytes) {
    const fields = {};
    let i = 0;
    function readVarint() {
      let v = 0n, shift = 0n;
      for (let n = 0; n < 10; n++) {
        if (i >= bytes.length) throw new Error('truncated varint');
        const b = bytes[i++];
        v |= BigInt(b & 0x7f) << shift;
        if ((b & 0x80) === 0) return v;
        shift += 7n;
      }
      throw new Error('varint over 10 bytes');
    }
    while (i < bytes.length) {
      const key = readVarint();
      const field = Number(key >> 3n), wire = Number(key & 7n);
      let value;
      if (wire === 0) value = readVarint();
      else if (wire === 2) {
        const len = Number(readVarint());
        if (i + len > bytes.length) throw new Error('truncated field ' + field);
        value = bytes.subarray(i, i + len);
        i += len;
      } else throw new Error('wire type ' + wire + ' in field ' + field);
      (fields[field] = fields[field] || []).push(value);
    }
    return fields;
  }

  const one = (f, n, dflt) => (f[n] ? f[n][f[n].length - 1] : dflt);
  const text = (f, n) => (f[n] ? utf8Strict.decode(one(f, n)) : '');
  const num = (f, n) => Number(one(f, n, 0n));
  const bytesOf = (f, n) => one(f, n, new Uint8Array(0));

  function decodeEnvelope(bytes) {
    const f = decodeFields(bytes);
    return { version: num(f, 1), type: num(f, 2), body: bytesOf(f, 3), key_id: bytesOf(f, 4),
             signature: bytesOf(f, 5) };
  }

  function decodeAct(bytes) {
    const f = decodeFields(bytes);
    return { version: num(f, 1), meeting_id: text(f, 2), member: text(f, 3),
             kind: ACT_KINDS[num(f, 4)] || String(num(f, 4)), item: num(f, 5),
             choice: CHOICES[num(f, 6)] || '', eu_bloc: num(f, 7) === 1, time: num(f, 8),
             statement: text(f, 9), meeting_ref: bytesOf(f, 10), nonce: bytesOf(f, 11) };
  }

  function decodeReceipt(bytes) {
    const f = decodeFields(bytes);
    return { version: num(f, 1), leaf_index: one(f, 2, 0n), leaf_hash: bytesOf(f, 3),
             tree_size: one(f, 4, 0n), inclusion_proof: f[5] || [], checkpoint: text(f, 6),
             meeting_id: text(f, 7), member: text(f, 8) };
  }

  /* The roster's Members {code, name}, from the roster envelope's body. */
  function decodeRosterMembers(envelopeBytes) {
    const f = decodeFields(decodeEnvelope(envelopeBytes).body);
    return (f[3] || []).map((m) => {
      const g = decodeFields(m);
      return { code: text(g, 1), name: text(g, 2) };
    });
  }

  /* ---------------------------------------------------------- text forms */

  const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  function fromHex(s) {
    if (!/^([0-9a-f]{2})*$/i.test(s)) throw new Error('not hexadecimal: ' + s);
    return Uint8Array.from(s.match(/../g) || [], (x) => parseInt(x, 16));
  }
  function base64(b) {
    let s = '';
    for (const x of b) s += String.fromCharCode(x);
    return btoa(s);
  }
  function fromBase64(s) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
      throw new Error('not base64');
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  }

  /* SPEC "Key id": the 8 bytes as a little-endian number, 16 upper-case
   * hex digits (as minisign shows it). */
  const keyIdText = (id) => hex(Uint8Array.from(id).reverse()).toUpperCase();

  /* SPEC "Public key file": the .pub text of an Ed25519 key. */
  function publicKeyText(keyId, publicKey) {
    const raw = new Uint8Array(42);
    raw.set([0x45, 0x64], 0); /* "Ed" */
    raw.set(keyId, 2);
    raw.set(publicKey, 10);
    return 'untrusted comment: minisign public key ' + keyIdText(keyId) + '\n' + base64(raw) + '\n';
  }

  /* The 32-byte key of a .pub file's text. */
  function parsePublicKeyText(textIn) {
    const lines = textIn.split('\n');
    if (!lines[0].startsWith('untrusted comment: ') || lines.length < 2)
      throw new Error('not a minisign public key file');
    const raw = fromBase64(lines[1].replace(/\r$/, ''));
    if (raw.length !== 42 || raw[0] !== 0x45 || raw[1] !== 0x64)
      throw new Error('not an Ed25519 minisign public key');
    return { key_id: raw.subarray(2, 10), public_key: raw.subarray(10) };
  }

  const api = { ACT_KINDS, CHOICES, BODY_ACT, ACT_TAG, varint, encodeAct, encodeEnvelope,
                signedBytes, decodeFields, decodeEnvelope, decodeAct, decodeReceipt,
                decodeRosterMembers, hex, fromHex, base64, fromBase64, keyIdText,
                publicKeyText, parsePublicKeyText };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.wvWire = api;
})(this);
