/* db.h: one SQLite connection with its pragmas, a statement cache and nestable transactions. */
#ifndef HL_DB_H
#define HL_DB_H

#include "err.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct db;

#define HALDUS_APPLICATION_ID 0x48414C44 /* "HALD": PRAGMA application_id of our files */

#define DB_CREATE    1u /* create the file when it does not exist */
#define DB_READ_ONLY 2u /* open read-only: every write fails with HL_ERR_READ_ONLY */

/* Opens path with WAL, foreign keys, a busy timeout and synchronous=FULL. Before it changes
 * anything (the switch to WAL writes the file) it checks that the file is empty or Haldus's
 * own (application_id): another application's file fails with HL_ERR_SCHEMA, untouched.
 * A file that cannot be written is opened read-only (db_read_only() says so); when not even
 * its -shm file can be made, as immutable. Returns HL_OK and a connection the caller frees
 * with db_close(). */
enum hl_err db_open(const char *path, unsigned flags, struct db **out, struct hl_error *err);
void db_close(struct db *db);
sqlite3 *db_handle(struct db *db);
const char *db_path(struct db *db);
/* Whether the connection cannot write (DB_READ_ONLY, or the file is not writable). */
bool db_read_only(const struct db *db);

/* A prepared statement for sql from the connection's cache, reset and with its bindings
 * cleared. The cache owns it: do not finalize. NULL (and *err filled) on failure. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql, struct hl_error *err);

/* Runs SQL without results (pragmas, DDL). */
enum hl_err db_exec(struct db *db, const char *sql, struct hl_error *err);

/* Transactions nest: the outermost is BEGIN IMMEDIATE (write) or BEGIN (read), the inner ones
 * are savepoints, so a use case can call another and still fail as a whole. */
enum hl_err db_begin(struct db *db, bool write, struct hl_error *err);
enum hl_err db_commit(struct db *db, struct hl_error *err);
void db_rollback(struct db *db);
int db_tx_depth(const struct db *db);

/* Maps an SQLite result code to an error, logs the database's text (never shown to clients)
 * and fills *err with a message fit for a client. */
enum hl_err db_error(struct db *db, int rc, const char *what, struct hl_error *err);

/* The clock used for created_at/updated_at and the audit log; tests may pin it. */
int64_t db_now(struct db *db);
void db_set_clock(struct db *db, int64_t fixed_now);

#endif
