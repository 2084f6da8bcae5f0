/* entity.h: table-driven descriptions of the records the API, CLI and store share.
 * One `struct entity` per resource names its table, fields, types, limits and rules; the
 * generic store, use cases, HTTP handlers and the OpenAPI document are all driven by it. */
#ifndef HL_ENTITY_H
#define HL_ENTITY_H

#include "err.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ftype {
    FT_INT,     /* integer in [min, max] */
    FT_REAL,    /* number in [min, max] */
    FT_TEXT,    /* string, length in [min, max] */
    FT_BOOL,    /* true/false, stored 0/1 */
    FT_DATE,    /* "YYYY-MM-DD" */
    FT_INSTANT, /* RFC 3339 instant in the API, seconds since the epoch in the store */
    FT_HHMM,    /* "HH:MM" in the API, minutes after midnight in the store */
    FT_ENUM,    /* one of `choices` */
    FT_TZ,      /* an IANA time-zone name the tz database knows */
    FT_EMAIL,   /* an e-mail address */
    FT_REF,     /* the id of a record of entity `ref` */
    FT_STRLIST, /* array of short strings, stored as JSON text */
};

#define F_REQUIRED  0x01u /* must be given on create */
#define F_READONLY  0x02u /* set by Haldus only (status, decided_at …) */
#define F_NULLABLE  0x04u /* may be null */
#define F_FILTER    0x08u /* the list accepts ?field=value */
#define F_IMMUTABLE 0x10u /* set on create, never changed */
#define F_EXT       0x20u /* the column lives in the entity's extension table */

struct buf;
struct entity;
struct svc_ctx;

struct field {
    const char *name; /* JSON name */
    enum ftype type;
    unsigned flags;
    double min, max;            /* numbers: range; text: length; lists: item count */
    const char *column;         /* database column when it differs from name */
    const char *const *choices; /* FT_ENUM: NULL-terminated */
    const struct entity *ref;   /* FT_REF */
    const char *doc;            /* one line for the API document */
};

#define OP_LIST   0x01u
#define OP_GET    0x02u
#define OP_CREATE 0x04u
#define OP_UPDATE 0x08u
#define OP_DELETE 0x10u
#define OP_ALL    0x1fu

/* Visibility policies (DESIGN.md §1a): who, besides managers and admins, may read a row. One
 * function (store_entity.c, visibility_condition) turns the policy into the SQL condition that
 * every channel uses: get, list, search, export, audit, feeds, e-mail. */
enum vis_policy {
    VIS_MANAGERS = 0, /* managers and admins only (the default when nothing is declared) */
    VIS_CATALOG,      /* every signed-in account */
    VIS_SELF,         /* the person the row is about */
    VIS_RELATED,      /* that person, and people linked to them now (links below) */
    VIS_PARTIES,      /* the people named in the row's party table */
};

/* Links that make two people related for VIS_RELATED, each valid at the time asked. */
#define LINK_ASSIGNMENT 0x1u /* an assignment whose start_date ≤ today ≤ end_date (either way) */
#define LINK_BACKUP     0x2u /* the principal sees their designated backups */
#define LINK_COVER      0x4u /* an accepted cover that has not ended (either way) */
#define LINK_ALL        0x7u

struct visibility {
    enum vis_policy policy;
    /* VIS_SELF, VIS_RELATED: the fields naming the person(s) the row is about ("id" for a
     * person's own row); the row is visible when any of them matches. */
    const char *person[2];
    unsigned links; /* VIS_RELATED */
    /* VIS_PARTIES: the table listing a row's parties, its column holding the row's id, its
     * column holding the party's person id, and optionally an INTEGER 0/1 column that must be
     * 1 for the party to see the row (e.g. "the manager allowed it"); NULL = always. */
    const char *party_table, *party_key, *party_person, *party_allowed;
    /* Confidential (mediation cases): only the manager role reads every row — an admin
     * without it is scoped like anyone else — and the audit rows of the entity (by its name)
     * are shown to managers only. */
    bool confidential;
    /* Rows a viewer also reads because they may decide them in a manager's place (a named
     * stand-in approver: the requested absences of others): appends to sql a condition on the
     * row (table alias t) for the viewer's person id at parameter `person` and today's date
     * (YYYY-MM-DD, in the viewer's time zone) at `today` (names such as "?4"). The same condition
     * opens the entity's managers-only workflow actions on exactly those rows (svc_entity_standin),
     * so what a stand-in sees and what they may decide cannot drift apart. SQL: written in a store
     * file. NULL: nobody stands in. */
    void (*standin)(struct buf *sql, const char *person, const char *today);
};

struct entity {
    const char *name;  /* singular, used in messages and the audit log: "assistant" */
    const char *path;  /* plural URL segment: "assistants" */
    const char *title; /* schema name in the API document: "Assistant" */
    const char *table; /* main table */
    const char *ext;   /* extension table sharing the id (assistant, principal) or NULL */
    const struct field *fields;
    size_t nfields;
    unsigned ops;
    bool has_name_prefix; /* the list accepts ?q=prefix on `name` */
    /* An FTS5 table whose rowid is the record's id: ?q= searches it (every word a prefix of a
     * word, case and diacritics ignored) instead of the name prefix. NULL for none. */
    const char *search;
    const char *window_start, *window_end; /* instant fields the list's from/to overlap */
    /* Not a collection of the organisation's CSV folder (haldus import/export org): records
     * with their own life (recruiting's candidates, kept only for a retention period). */
    bool no_org;
    /* Who may read a row besides managers and admins (see struct visibility). */
    struct visibility vis;
    /* Assistants and principals write only entities with an owner field, and only the rows
     * whose owner is their own person. */
    const char *owner;
    /* Rule across fields of the complete record (after a create or a merge); may be NULL. */
    enum hl_err (*check)(const json_t *rec, struct hl_error *err);
    /* Whether the current record may be updated (deleting false) or deleted; may be NULL. */
    enum hl_err (*may_change)(const json_t *cur, bool deleting, struct hl_error *err);
    /* Rule that needs the database or who acts (a clash with other rows, a date only a
     * manager may set): runs inside the write transaction after check, on a client's create
     * (before NULL, rec the new values) and a client's update (before the stored record, rec
     * the merged one); Haldus's own changes (workflow actions) skip it. May be NULL. */
    enum hl_err (*check_ctx)(struct svc_ctx *ctx, const json_t *before, const json_t *rec,
                             struct hl_error *err);
    /* An SQL condition on the row (table alias t; constant text, no outside input) that an
     * account without the manager role (an admin) sees only the rows meeting: the others are
     * the manager role's, like confidential entities (the outbox's mediation mails). NULL: all. */
    const char *manager_role_rows;
};

const char *field_column(const struct field *f);
const struct field *entity_field(const struct entity *ent, const char *name);

/* Checks a client's JSON for a create (is_create) or an update: an object, known and writable
 * fields, types, ranges, required fields. Fills *err naming the field. */
enum hl_err entity_validate_input(const struct entity *ent, const json_t *body, bool is_create,
                                  struct hl_error *err);

/* Checks one value against its field (type, range, choices); used for input and filters. */
enum hl_err field_validate(const struct field *f, const json_t *v, struct hl_error *err);

/* Converts a query-string value to the JSON value of the field (e.g. "true" → true). */
enum hl_err field_from_text(const struct field *f, const char *text, json_t **out,
                            struct hl_error *err);

/* A UTC instant (seconds) as the API's JSON string, "2026-11-30T01:00:00Z". */
json_t *entity_instant(int64_t t);

#endif
