/* A receipt checked in the browser (SPEC.md "Receipts", "Checking a
 * receipt"): the Secretariat's signature on the checkpoint note (Ed25519,
 * c2sp.org/signed-note) and the RFC 9162 inclusion proof (SHA-256), both
 * with WebCrypto. Needs wv-wire.js. Each step that fails throws an Error
 * naming the step. */
(function (root) {
  'use strict';
  const wire = root.wvWire || (typeof require !== 'undefined' ? require('./wv-wire.js') : null);
  const subtle = (root.crypto || globalThis.crypto || {}).subtle;
  const utf8 = new TextEncoder();

  async function sha256(...parts) {
    const n = parts.reduce((k, p) => k + p.length, 0);
    const all = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return new Uint8Array(await subtle.digest('SHA-256', all));
  }

  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const LEAF = Uint8Array.of(0), NODE = Uint8Array.of(1);

  /* SPEC "Inclusion proofs": the proof length, then RFC 9162 2.1.3.2. */
  async function inclusionRoot(index, size, leafHash, proof) {
    let fn = BigInt(index), sn = BigInt(size) - 1n;
    if (fn > sn) throw new Error('inclusion proof: leaf index not below tree size');
    const inner = (fn ^ sn).toString(2).replace(/^0+/, '').length;
    const want = inner + (fn >> BigInt(inner)).toString(2).split('1').length - 1;
    if (proof.length !== want)
      throw new Error(`inclusion proof: ${proof.length} hashes, the tree needs ${want}`);
    let r = leafHash;
    for (const p of proof) {
      if (p.length !== 32) throw new Error('inclusion proof: a hash is not 32 bytes');
      if (sn === 0n) throw new Error('inclusion proof: too long');
      if ((fn & 1n) === 1n || fn === sn) {
        r = await sha256(NODE, p, r);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else r = await sha256(NODE, r, p);
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) throw new Error('inclusion proof: too short');
    return r;
  }

  /* SPEC "Signed notes" and "Checkpoints": the note signed by the
   * Secretariat's key under the name equal to its origin; returns
   * {origin, size, root}. */
  async function checkCheckpoint(note, secretariatKey) {
    const split = note.lastIndexOf('\n\n');
    if (split < 0) throw new Error('checkpoint: no signature block');
    const text = note.slice(0, split + 1);
    const lines = text.split('\n');
    const origin = lines[0], sizeText = lines[1];
    if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/.test(sizeText))
      throw new Error('checkpoint: not ORIGIN, SIZE, ROOT');
    const root = wire.fromBase64(lines[2]);
    if (root.length !== 32) throw new Error('checkpoint: root is not 32 bytes');
    const keyHash = (await sha256(utf8.encode(origin + '\n'), Uint8Array.of(1), secretariatKey))
      .subarray(0, 4);
    const key = await subtle.importKey('raw', secretariatKey, { name: 'Ed25519' }, false, ['verify']);
    let signed = 0;
    for (const line of note.slice(split + 2).split('\n').filter((l) => l !== '')) {
      const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!m) throw new Error('checkpoint: a signature line is malformed');
      const sig = wire.fromBase64(m[2]);
      if (m[1] !== origin || !same(sig.subarray(0, 4), keyHash)) continue; /* another signer */
      if (sig.length !== 68 ||
          !(await subtle.verify({ name: 'Ed25519' }, key, sig.subarray(4), utf8.encode(text))))
        throw new Error('checkpoint: the Secretariat\'s signature does not verify');
      signed++;
    }
    if (signed !== 1) throw new Error('checkpoint: not signed by the Secretariat\'s key');
    return { origin, size: BigInt(sizeText), root };
  }

  /* SPEC "Checking a receipt", steps 1-5: receipt bytes, the envelope bytes
   * posted, the Secretariat's 32-byte key. Returns what a page shows. */
  async function checkReceipt(receiptBytes, envelopeBytes, secretariatKey) {
    const r = wire.decodeReceipt(receiptBytes);
    if (r.version !== 1 || r.leaf_hash.length !== 32 || r.leaf_index >= r.tree_size)
      throw new Error('receipt: not a valid receipt');
    const cp = await checkCheckpoint(r.checkpoint, secretariatKey);
    if (!cp.origin.endsWith('/meeting/' + r.meeting_id))
      throw new Error('checkpoint: origin is not this meeting\'s');
    if (cp.size !== r.tree_size) throw new Error('receipt: checkpoint size differs from tree size');
    const root = await inclusionRoot(r.leaf_index, r.tree_size, r.leaf_hash, r.inclusion_proof);
    if (!same(root, cp.root)) throw new Error('inclusion proof: does not lead to the signed root');
    if (!same(await sha256(LEAF, envelopeBytes), r.leaf_hash))
      throw new Error('receipt: its leaf is not this envelope');
    const act = wire.decodeAct(wire.decodeEnvelope(envelopeBytes).body);
    if (act.meeting_id !== r.meeting_id || act.member !== r.member)
      throw new Error('receipt: meeting or Member differs from the act\'s');
    return { index: r.leaf_index, size: r.tree_size, origin: cp.origin, root: wire.hex(cp.root) };
  }

  const api = { sha256, inclusionRoot, checkCheckpoint, checkReceipt };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.wvProof = api;
})(this);
