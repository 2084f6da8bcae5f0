/* domain.h: what a domain declares to the core (docs/architecture.md, "Adding a domain"). A
 * domain is one folder under src/domain/ exporting one `const struct domain`; src/domains.c
 * lists them. From the declaration the core generates the CRUD and action routes, the API
 * document, the CSV collections of import/export and the data-stamp triggers. */
#ifndef HL_DOMAIN_H
#define HL_DOMAIN_H

#include "entity.h"
#include "feed.h"
#include "route.h"
#include "workflow.h"

#include <stdbool.h>
#include <stdint.h>

#define STAMP_INSERT 0x1u
#define STAMP_UPDATE 0x2u
#define STAMP_DELETE 0x4u
#define STAMP_ALL    0x7u

/* A table the coverage planner reads: any change of it (ops, optionally only where `when`
 * holds, an SQL condition on NEW/OLD) makes every plan computed before stale, so accepting
 * such a plan answers 409. The triggers are generated (migrate.c, migrate_sync_triggers). */
struct stamp_table {
    const char *table;
    unsigned ops;
    const char *update_of; /* "status, assistant_id": only updates of these columns; NULL all */
    const char *when;      /* NULL: always */
};

/* What a domain's demo hook gets: the demo organisation is built (people, assignments, absences,
 * in the same open transaction); the hook adds the domain's own believable data for them. */
struct svc_ctx;
struct hl_error;
struct demo_context {
    uint64_t seed;
    int64_t today;   /* day number the demo counts from */
    int64_t manager; /* person id of the demo's admin manager */
    bool large;      /* the synthetic benchmark organisation: keep it light */
};

struct domain {
    const char *name;
    const struct entity *const *entities;    /* NULL-terminated; NULL for none */
    const struct workflow *const *workflows; /* NULL-terminated; NULL for none */
    const struct route *routes;              /* hand-written routes of the domain */
    size_t nroutes;
    const struct stamp_table *stamp_tables; /* ended by a NULL table; NULL for none */
    /* Adds the domain's demo data (`haldus demo`), in registry order; NULL for none. Reads the
     * people it works with from the database; fails with err set. */
    enum hl_err (*demo)(struct svc_ctx *ctx, const struct demo_context *demo, struct hl_error *err);
    /* Adds the events of person_id's own calendar that fall in [from, to) (UTC seconds) to out,
     * for their calendar feed: only rows about that person, which the kit's visibility shows
     * them (their leave, covers they take or receive, meetings they hold or attend). Runs
     * without a signed-in account, in a read transaction. NULL for none. */
    enum hl_err (*feed)(struct svc_ctx *ctx, int64_t person_id, int64_t from, int64_t to,
                        struct feed_list *out, struct hl_error *err);
    /* The domain's periodic work (reminders that fell due, retention purges), as of
     * db_now(ctx->db); run by `haldus serve` every few minutes and by `haldus jobs run`
     * (src/core/jobs.c) with full rights (ctx->who NULL, actor "jobs"), outside any
     * transaction: it opens its own and must be idempotent (a second run at the same time does
     * nothing more). On success *summary is NULL (nothing done) or a new string saying what it
     * did ("2 reminders queued"). NULL for none. */
    enum hl_err (*tick)(struct svc_ctx *ctx, char **summary, struct hl_error *err);
    /* Runs on the head of a request for one of the domain's ROUTE_UPLOAD routes, before its
     * body is read (a refused upload costs nothing): non-OK refuses it with *res when the hook
     * gave it a body (an HTML page), else with the JSON error. NULL for none. */
    enum hl_err (*admit)(struct request *req, struct response *res, struct hl_error *err);
};

/* The `admit` hook of the domain that declares route r (matched by its handler), or NULL. */
typedef enum hl_err (*admit_fn)(struct request *req, struct response *res, struct hl_error *err);
admit_fn domain_route_admit(const struct route *r);

/* The registry: every domain, NULL-terminated (src/domains.c). Tests may point it at a list
 * with an example domain added before anything else runs. */
extern const struct domain *const *domain_registry;

/* Walks every entity of every domain in registry order: start with a zeroed iterator; NULL
 * at the end. */
struct domain_iter {
    const struct domain *const *d;
    const struct entity *const *e;
};
const struct entity *domain_entity_next(struct domain_iter *it);

/* The entity whose URL segment is path ("assistants"), or NULL. */
const struct entity *domain_entity_by_path(const char *path);

#endif
