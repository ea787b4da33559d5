/* Helpers shared by cli/cmd_roster.c and cli/cmd_act.c (defined in
 * cmd_roster.c). Each returns a CLI exit code and prints its own message. */
#ifndef WV_CLI_ROSTER_H
#define WV_CLI_ROSTER_H

#include <stdint.h>

#include "wtovote/keys.h"
#include "wtovote/roster.h"

/* "now", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" to Unix seconds; `what`
 * names the option in the message. */
int wv_cli_parse_time_arg(const char *what, const char *text, int64_t *out);
/* Loads a roster and checks its Secretariat signature when it has one
 * (an unsigned draft is accepted with a note on stderr). */
int wv_cli_load_roster(const char *path, wv_roster **out);
/* Encodes the roster and writes it atomically (exclusive: refuse to replace). */
int wv_cli_write_roster(const wv_roster *r, const char *path, int exclusive);

#endif
