/* migrate.h: numbered forward-only schema migrations (PRAGMA user_version, application_id). */
#ifndef HL_MIGRATE_H
#define HL_MIGRATE_H

#include "db.h"

/* The schema version this binary writes: the number of the newest embedded migration. */
int migrate_latest(void);

/* Reads the database's schema version. Fails with HL_ERR_SCHEMA when the file belongs to
 * another application or is newer than this binary. A fresh, empty database reports 0. */
enum hl_err migrate_version(struct db *db, int *version, struct hl_error *err);

/* Applies every migration newer than the database's version, each in its own transaction.
 * *applied (when not NULL) receives how many versions it moved forward (a number no file
 * has, reserved by a branch not merged yet, is passed over). */
enum hl_err migrate_up(struct db *db, int *applied, struct hl_error *err);

/* Fails with a message naming `haldus migrate` unless the database is exactly current. */
enum hl_err migrate_require_current(struct db *db, struct hl_error *err);

/* Replaces every data-stamp trigger (stamp_*) with the ones the registry's stamp tables call for
 * (domain.h), in one transaction. migrate_up runs it each time. */
enum hl_err migrate_sync_triggers(struct db *db, struct hl_error *err);

#endif
