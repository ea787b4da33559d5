/* --tls-self-signed: a throw-away certificate for a meeting on a LAN. The
 * room checks it by the SHA-256 fingerprint shown on the projector (as a
 * browser shows it), so no certificate authority is involved. */
#include <arpa/inet.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"

static char *pem_copy(const gnutls_datum_t *d)
{
    char *s = malloc(d->size + 1);
    if (s != NULL) {
        memcpy(s, d->data, d->size);
        s[d->size] = '\0';
    }
    return s;
}

static void format_fingerprint(const unsigned char *h, size_t n, char out[96])
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        out[3 * i] = hex[h[i] >> 4];
        out[3 * i + 1] = hex[h[i] & 15];
        out[3 * i + 2] = i + 1 < n ? ':' : '\0';
    }
}

/* The name clients check: an IP address SAN for an address, else DNS. */
static int san(gnutls_x509_crt_t crt, const char *host)
{
    unsigned char ip[16];
    if (inet_pton(AF_INET, host, ip) == 1)
        return gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 4,
                                                    GNUTLS_FSAN_SET);
    if (inet_pton(AF_INET6, host, ip) == 1)
        return gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 16,
                                                    GNUTLS_FSAN_SET);
    return gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, host, strlen(host),
                                                GNUTLS_FSAN_SET);
}

/* Fills the certificate's fields and self-signs it. */
static int make_cert(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key, const char *host)
{
    unsigned char serial[16];
    time_t now = time(NULL);
    if (gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial) != 0)
        return -1;
    serial[0] &= 0x7f; /* a positive integer */
    int rc = gnutls_x509_crt_set_version(crt, 3);
    rc |= gnutls_x509_crt_set_serial(crt, serial, sizeof serial);
    rc |= gnutls_x509_crt_set_activation_time(crt, now - 3600);
    rc |= gnutls_x509_crt_set_expiration_time(crt, now + 365 * 86400);
    rc |= gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, host, strlen(host));
    rc |= san(crt, host);
    rc |= gnutls_x509_crt_set_key(crt, key);
    rc |= gnutls_x509_crt_set_basic_constraints(crt, 0, -1);
    rc |= gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE);
    rc |= gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
    rc |= gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0);
    return rc == 0 ? 0 : -1;
}

wv_status wv_srv_self_signed(const char *host, char **cert_pem, char **key_pem,
                             char fingerprint[96], wv_error *err)
{
    gnutls_x509_privkey_t key = NULL;
    gnutls_x509_crt_t crt = NULL;
    gnutls_datum_t kd = {NULL, 0}, cd = {NULL, 0}, der = {NULL, 0};
    unsigned char hash[32];
    *cert_pem = *key_pem = NULL;
    int ok = gnutls_x509_privkey_init(&key) == 0 && gnutls_x509_crt_init(&crt) == 0 &&
             gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA,
                                          GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1),
                                          0) == 0 &&
             make_cert(crt, key, host) == 0 &&
             gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM, &kd) == 0 &&
             gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cd) == 0 &&
             gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der) == 0 &&
             gnutls_hash_fast(GNUTLS_DIG_SHA256, der.data, der.size, hash) == 0;
    if (ok) {
        *cert_pem = pem_copy(&cd);
        *key_pem = pem_copy(&kd);
        format_fingerprint(hash, sizeof hash, fingerprint);
    }
    if (kd.data != NULL)
        memset(kd.data, 0, kd.size);
    gnutls_free(kd.data);
    gnutls_free(cd.data);
    gnutls_free(der.data);
    gnutls_x509_crt_deinit(crt);
    gnutls_x509_privkey_deinit(key);
    if (!ok || *cert_pem == NULL || *key_pem == NULL) {
        free(*cert_pem), free(*key_pem);
        *cert_pem = *key_pem = NULL;
        return wv_error_set(err, WV_ERR_INTERNAL, "--tls-self-signed: GnuTLS could not make a "
                            "certificate");
    }
    return WV_OK;
}
