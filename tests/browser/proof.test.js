// The page's receipt check (serve/web/wv-proof.js) against the project's
// known answers: every RFC 9162 inclusion proof of vectors/merkle/kat.txt
// (70 leaves, every index and size) leads to its root, and a flipped bit,
// an extra or a missing hash is refused; the KAT receipt of
// vectors/kat/receipt.json checks against the Secretariat's key, and fails
// with a proof byte, a checkpoint signature byte, the key or the act changed.
// Runs in node with its WebCrypto (the same SHA-256 / Ed25519 API).
'use strict';
const fs = require('fs');
const path = require('path');
if (!globalThis.crypto) globalThis.crypto = require('crypto').webcrypto; // node 18
const wire = require('../../serve/web/wv-wire.js');
const proof = require('../../serve/web/wv-proof.js');

const vectors = path.join(__dirname, '../../vectors');
function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}

async function refused(what, promise, pattern) {
  try {
    await promise;
  } catch (e) {
    if (!pattern.test(e.message)) fail(`${what}: refused for another reason: ${e.message}`);
    return;
  }
  fail(`${what}: accepted`);
}

async function merkle() {
  const leaves = [], roots = [], proofs = [];
  for (const line of fs.readFileSync(path.join(vectors, 'merkle/kat.txt'), 'utf8').split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'leaf') leaves[+f[1]] = wire.fromBase64(f[2]);
    if (f[0] === 'root') roots[+f[1]] = wire.fromBase64(f[2]);
    if (f[0] === 'inclusion')
      proofs.push({ index: +f[1], size: +f[2], path: f[3] === '-' ? [] : f[3].split(',').map(wire.fromBase64) });
  }
  if (proofs.length < 2000 || leaves.length !== 70) fail('vectors/merkle/kat.txt: not the 70-leaf tree');
  let flipped = 0;
  for (const p of proofs) {
    const what = `inclusion ${p.index} in ${p.size}`;
    const r = await proof.inclusionRoot(p.index, p.size, leaves[p.index], p.path);
    if (wire.hex(r) !== wire.hex(roots[p.size])) fail(`${what}: root differs`);
    if (p.path.length) {
      const bad = p.path.map((h) => Uint8Array.from(h));
      bad[bad.length - 1][31] ^= 0x80;
      const r2 = await proof.inclusionRoot(p.index, p.size, leaves[p.index], bad);
      if (wire.hex(r2) === wire.hex(roots[p.size])) fail(`${what}: a flipped bit still leads to the root`);
      flipped++;
      await refused(`${what} one hash short`, proof.inclusionRoot(p.index, p.size, leaves[p.index], p.path.slice(1)), /needs/);
    }
    await refused(`${what} one hash long`, proof.inclusionRoot(p.index, p.size, leaves[p.index], [...p.path, roots[1]]), /needs/);
  }
  await refused('index = size', proof.inclusionRoot(5, 5, leaves[0], []), /not below/);
  return { proofs: proofs.length, flipped };
}

async function receipts() {
  const v = JSON.parse(fs.readFileSync(path.join(vectors, 'kat/receipt.json'), 'utf8')).vectors
    .find((x) => x.name === 'receipt_act');
  const key = wire.parsePublicKeyText(fs.readFileSync(path.join(vectors, 'kat/keys/secretariat.pub'), 'utf8')).public_key;
  const other = wire.parsePublicKeyText(fs.readFileSync(path.join(vectors, 'kat/keys/usa.pub'), 'utf8')).public_key;
  const receipt = wire.fromHex(v.body), entry = wire.fromHex(v.entry);
  const ok = await proof.checkReceipt(receipt, entry, key);
  if (ok.index !== BigInt(v.input.leaf_index) || ok.size !== BigInt(v.input.tree_size)) fail('KAT receipt: wrong index or size');
  const r = wire.decodeReceipt(receipt);
  const at = (sub) => sub.byteOffset - receipt.byteOffset;
  const flip = (i) => { const b = Uint8Array.from(receipt); b[i] ^= 0x01; return b; };
  await refused('KAT receipt, proof byte changed', proof.checkReceipt(flip(at(r.inclusion_proof[0]) + 7), entry, key), /inclusion proof/);
  const sigAt = receipt.length - 1 - [...receipt].reverse().findIndex((x) => x === 0x0a) - 10; // inside the signature line
  await refused('KAT receipt, checkpoint signature changed', proof.checkReceipt(flip(sigAt), entry, key), /checkpoint|base64/);
  await refused('KAT receipt, another key', proof.checkReceipt(receipt, entry, other), /not signed by the Secretariat/);
  const e2 = Uint8Array.from(entry);
  e2[e2.length - 1] ^= 0x01;
  await refused('KAT receipt, another envelope', proof.checkReceipt(receipt, e2, key), /leaf is not this envelope/);
}

(async () => {
  const m = await merkle();
  await receipts();
  console.log(`proof: ${m.proofs} inclusion proofs of vectors/merkle/kat.txt lead to their roots; ` +
              `${m.flipped} with a flipped bit do not; short and long proofs refused; the KAT receipt checks, ` +
              `and is refused with a proof byte, a signature byte, the key or the envelope changed`);
})().catch((e) => fail(e.stack));
