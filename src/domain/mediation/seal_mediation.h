/* seal_mediation.h: optional encryption of case entries at rest (libsodium secretbox) with a
 * key kept in a file outside the database ($HALDUS_CASE_KEY_FILE). */
#ifndef HL_SEAL_MEDIATION_H
#define HL_SEAL_MEDIATION_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define CASE_KEY_ENV "HALDUS_CASE_KEY_FILE"

/* Reads a key file: 64 hex digits (a trailing newline allowed). The file must be a regular
 * file that only its owner may read. key receives 32 bytes. */
enum hl_err case_key_read(const char *path, unsigned char key[32], struct hl_error *err);

/* Writes a new random key to path (mode 0600, never over an existing file). */
enum hl_err case_key_generate(const char *path, struct hl_error *err);

/* The process's key from $HALDUS_CASE_KEY_FILE, read once; *key NULL when the variable is not
 * set (entries are then stored as text). A set variable naming a bad file is an error. */
enum hl_err case_key(const unsigned char **key, struct hl_error *err);

/* Seals text: *out (malloc'd, nonce || box) and *len. */
void case_seal(const unsigned char key[32], const char *text, unsigned char **out, size_t *len);

/* Opens a sealed entry: *text (malloc'd, NUL-terminated) or false when it does not open with
 * this key (wrong key or damaged). */
bool case_open(const unsigned char key[32], const unsigned char *sealed, size_t len, char **text);

#endif
