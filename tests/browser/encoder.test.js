// Encoder cross-check (issue 13): the acts of acts.json, encoded and signed
// by the page's encoder (serve/web/wv-wire.js) and by the C encoder
// (act_encode: the engine's wv_act_seal), give identical envelopes byte for
// byte. Ed25519 is deterministic, so equal signatures also show that both
// sign the same bytes (SPEC "Signatures and domain tags").
// Usage: node encoder.test.js ACT_ENCODE_PROGRAM
'use strict';
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const path = require('path');
const fs = require('fs');
const wire = require(path.join(__dirname, '../../serve/web/wv-wire.js'));

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}

const program = process.argv[2] || fail('usage: node encoder.test.js ACT_ENCODE');
const file = path.join(__dirname, 'acts.json');
const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
let lines;
try {
  lines = execFileSync(program, [file], { encoding: 'utf8', timeout: 30000 }).trim().split('\n');
} catch (e) {
  fail(`${program}: ${e.stderr || e.message}`);
}
// Act.meeting_ref (field 10): once the proto has it, the C encoder must
// set it and the page's encoder must place it the same way.
const refLine = lines.shift();
const protoHasRef = /bytes meeting_ref = 10;/.test(
  fs.readFileSync(path.join(__dirname, '../../proto/wtovote.proto'), 'utf8').split('message Act {')[1].split('}')[0]);
const ref = refLine === 'meeting_ref none' ? null : wire.fromHex(refLine.split(' ')[1]);
if (protoHasRef && !ref) fail('the proto has Act.meeting_ref but the C side set none');
if (!protoHasRef && ref) fail('the C side set a meeting_ref the proto does not have');
if (lines.length !== doc.acts.length) fail(`C encoder gave ${lines.length} envelopes for ${doc.acts.length} acts`);

// Ed25519 from the 32-byte seed: the PKCS#8 wrapping of RFC 8410.
const key = crypto.createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(doc.seed, 'hex')]),
  format: 'der', type: 'pkcs8' });

const kinds = new Set();
let bloc = 0;
doc.acts.forEach((a, i) => {
  const c = wire.fromHex(lines[i]);
  const cEnv = wire.decodeEnvelope(c);
  const act = Object.assign({}, a, { meeting_id: doc.meeting_id, meeting_ref: ref || undefined,
                                     nonce: a.nonce ? wire.fromHex(a.nonce) : undefined });
  const body = wire.encodeAct(act);
  const what = `acts[${i}] (${a.kind} by ${a.member})`;
  if (wire.hex(body) !== wire.hex(cEnv.body))
    fail(`${what}: body differs\n  js ${wire.hex(body)}\n  C  ${wire.hex(cEnv.body)}`);
  const sig = crypto.sign(null, Buffer.from(wire.signedBytes(wire.ACT_TAG, body)), key);
  const env = wire.encodeEnvelope(wire.BODY_ACT, body, cEnv.key_id, new Uint8Array(sig));
  if (wire.hex(env) !== lines[i])
    fail(`${what}: envelope differs\n  js ${wire.hex(env)}\n  C  ${lines[i]}`);
  // and the page's decoder reads back what it encoded
  const back = wire.decodeAct(body);
  for (const k of ['meeting_id', 'member', 'kind', 'time'])
    if (back[k] !== act[k]) fail(`${what}: decoded ${k} ${back[k]} != ${act[k]}`);
  if (wire.hex(back.meeting_ref) !== (ref ? wire.hex(ref) : ''))
    fail(`${what}: meeting_ref read back as ${wire.hex(back.meeting_ref)}`);
  if ((back.item || 0) !== (a.item || 0) || back.choice !== (a.choice || '') ||
      back.eu_bloc !== !!a.eu_bloc || back.statement !== (a.statement || ''))
    fail(`${what}: decoded act differs: ${JSON.stringify(back)}`);
  kinds.add(a.kind);
  if (a.eu_bloc) bloc++;
});
for (const k of wire.ACT_KINDS.slice(1))
  if (!kinds.has(k)) fail(`acts.json has no ${k}: every act kind must be cross-checked`);
if (bloc === 0) fail('acts.json has no EU bloc vote (Art. IX:1 fn 2)');

// The check can fail: one field changed changes the bytes.
const changed = wire.encodeAct(Object.assign({}, doc.acts[0], { meeting_id: doc.meeting_id, time: doc.acts[0].time + 1,
                                                                 nonce: wire.fromHex(doc.acts[0].nonce) }));
if (wire.hex(changed) === wire.hex(wire.decodeEnvelope(wire.fromHex(lines[0])).body))
  fail('a changed act encodes to the same bytes');
// The project's known answers (vectors/kat/act.json, made by the C
// encoder): body, signed message and envelope, byte for byte.
const kat = JSON.parse(fs.readFileSync(path.join(__dirname, '../../vectors/kat/act.json'), 'utf8')).vectors;
for (const v of kat) {
  const i = v.input;
  const act = { meeting_id: i.meeting_id, member: i.member, item: i.item, eu_bloc: i.eu_bloc, time: i.time,
                statement: i.statement, kind: i.kind.replace(/^ACT_/, '').toLowerCase().replace(/_/g, '-'),
                choice: i.choice ? i.choice.replace(/^CHOICE_/, '').toLowerCase() : undefined,
                nonce: i.nonce ? wire.fromHex(i.nonce) : undefined,
                meeting_ref: i.meeting_ref ? wire.fromHex(i.meeting_ref) : undefined };
  const body = wire.encodeAct(act);
  if (wire.hex(body) !== v.body) fail(`${v.name}: body differs\n  js  ${wire.hex(body)}\n  kat ${v.body}`);
  if (wire.hex(wire.signedBytes(v.domain_tag, body)) !== v.signed_message) fail(`${v.name}: signed message differs`);
  const env = wire.encodeEnvelope(wire.BODY_ACT, body, wire.fromHex(v.key_id), wire.fromHex(v.signature));
  if (wire.hex(env) !== v.envelope) fail(`${v.name}: envelope differs`);
  if (wire.keyIdText(wire.fromHex(v.key_id)) !== v.key_id_display) fail(`${v.name}: key id shown differs`);
}
console.log(`encoder: ${kat.length} known-answer acts of vectors/kat/act.json: body, signed message, envelope and key id identical`);
console.log(`encoder: ${doc.acts.length} acts (${kinds.size} kinds, ${bloc} EU bloc votes, ` +
            `meeting_ref ${ref ? 'in every act' : 'not in this proto'}) byte-identical to the C encoder, envelopes and signatures included`);
