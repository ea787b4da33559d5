# wtovote serve --tls-self-signed: HTTPS with a fresh certificate whose
# SHA-256 fingerprint is printed and which --tls-cert-out writes; clients
# that trust that certificate (curl --cacert, wtovote verify --cacert, the
# delegation commands' --server --cacert) get
# through, clients that do not are refused; --tls-cert/--tls-key serve a
# given certificate.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
unset WTOVOTE_PASSPHRASE WTOVOTE_SECRETARIAT_KEY
cd "$TMP" || fail "no temp dir"
W=$WTOVOTE
make_meeting USA
"$W" serve rec -s sec.key --listen 127.0.0.1:0 --tls-self-signed --tls-cert-out cert.pem \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
SPID=$!
for i in $(seq 600); do
    grep -q 'chair token' "$TMP/serve.out" 2>/dev/null && break
    sleep 0.05
done
URL=$(sed -n 's/^serving .* at \(.*\)\/$/\1/p' "$TMP/serve.out")
case $URL in https://127.0.0.1:*) ;; *) fail "not an https URL: $(cat "$TMP/serve.out")" ;; esac
grep -Eq '^  ([0-9A-F]{2}:){31}[0-9A-F]{2}$' "$TMP/serve.out" || fail "no SHA-256 fingerprint printed"
grep -q 'BEGIN CERTIFICATE' cert.pem || fail "--tls-cert-out wrote no certificate"
grep -q 'PRIVATE' cert.pem && fail "--tls-cert-out wrote a private key"
curl -sf --cacert cert.pem -o state.json "$URL/api/state" || fail "curl --cacert refused"
expect_grep '"id":"GC-SERVE"' state.json
curl -s -o /dev/null "$URL/api/state" && fail "a client that does not trust the certificate got in"
expect_exit 0 "$W" verify "$URL" --cacert cert.pem
expect_grep 'record verifies; 1 entries' out
expect_exit 2 "$W" verify "$URL"
# the CLI as a client over HTTPS: trusted with --cacert, refused without
expect_exit 0 "$W" attend --server "$URL" --cacert cert.pem --member USA -s usa.key
expect_grep 'attend by USA admitted as entry 1' out
expect_exit 0 "$W" receipt verify receipts/000001-USA.receipt --act receipts/000001-USA.act \
    --pub rec/secretariat.pub
expect_exit 2 "$W" leave --server "$URL" --member USA -s usa.key
stop_server
expect_exit 2 "$W" serve rec -s sec.key --tls-cert cert.pem
expect_exit 2 "$W" serve rec -s sec.key --tls-cert-out x.pem
echo "serve_tls: ok"
