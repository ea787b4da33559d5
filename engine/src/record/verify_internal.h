/* Internals of the verifier, split by concern: the driver and the file
 * steps (verify.c), the streaming pass over the log (verify_log.c), the
 * signature threads (verify_sig.c). */
#ifndef WV_RECORD_VERIFY_INTERNAL_H
#define WV_RECORD_VERIFY_INTERNAL_H

#include "wtovote/pb.h"
#include "wtovote/record.h"

/* Marks a step failed, keeping the first offence (index -1: no entry). */
void wv_verify_fail(wv_verify_report *rep, wv_verify_step_id id, int64_t index,
                    const char *reason);

/* V10 preliminaries: the earlier checkpoint parses, is signed by the
 * Secretariat, has the current origin and is not larger. 1 when usable. */
int wv_verify_since(const wv_verify_options *opt, const wv_public_key *sec,
                    const wv_checkpoint *current, wv_checkpoint *since, wv_verify_report *rep);

/* The streaming pass: V2..V7, V8's origin check, V9, V10. roster, cp and
 * since may be NULL when unavailable (the steps needing them are not run). */
wv_status wv_verify_log(const char *dir, const wv_verify_options *opt, const wv_roster *roster,
                        const wv_checkpoint *cp, const wv_checkpoint *since,
                        wv_verify_report *rep, wv_error *err);

/* Writable test seams, compiled only into the unit tests' library
 * (wtovote_testing, built with WV_TEST_HOOKS; engine/CMakeLists.txt): the
 * installed libraries have none. */
#ifdef WV_TEST_HOOKS
/* Test seam: called with the record directory once the log has been read
 * and before the checkpoint is looked at again (NULL in normal use). */
extern void (*wv_verify_test_after_stream)(const char *dir);
/* Test seam: called with the log's path when a torn tail is met, before
 * the verifier looks for an append in flight (NULL in normal use). */
extern void (*wv_verify_test_on_torn_tail)(const char *path);
/* Test knob: the first pause while waiting for a writer, in ns (-1: the
 * normal 10 ms). The tamper test, whose hundreds of torn and cut logs have no
 * writer behind them, sets 0: the checks are the same, without the waits. */
extern long wv_verify_test_live_wait_ns;
#endif

/* Signature checking on opt->jobs threads (verify_sig.c). Entries are
 * submitted in index order; the first failure by index is reported to V5
 * whatever the number of threads. */
typedef struct wv_sig_pool wv_sig_pool;
wv_status wv_sig_pool_new(unsigned jobs, wv_verify_report *rep, wv_sig_pool **out,
                          wv_error *err);
/* Takes ownership of env (freed once checked). */
wv_status wv_sig_pool_submit(wv_sig_pool *p, uint64_t index, wv_envelope *env,
                             const wv_public_key *pub, wv_error *err);
/* Waits for every submitted check and reports; frees the pool. */
void wv_sig_pool_finish(wv_sig_pool *p);

#endif
