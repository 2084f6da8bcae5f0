/* workflow.h: a record's life as a table — statuses, the actions between them, who may act and
 * the fields each action takes. The routes (POST /api/v1/<path>/{id}/<action>), their OpenAPI
 * operations with request schemas, the audit rows and the access-matrix rows are all generated
 * from it (route.c, openapi.c, svc_workflow.c); a domain writes no handler for an action. */
#ifndef HL_WORKFLOW_H
#define HL_WORKFLOW_H

#include "entity.h"
#include "svc.h"

#include <stdbool.h>
#include <stddef.h>

/* A field an action's body may carry; its value is stored into the entity's field `into`. */
struct wf_field {
    struct field f;
    const char *into;
};

#define WF_MAX_FIELDS 15 /* fields one action may take */

struct wf_action {
    const char *name;     /* "approve": the route's last segment and the audit row's action */
    const char *summary;  /* for the API document */
    bool managers_only;   /* true: managers and admins; false: also the row's owner (ent->owner) */
    unsigned route_flags; /* ROUTE_SLOW when the action (or its `after`) does heavy work */
    const struct wf_field *fields;
    size_t nfields;
    /* Runs after the change is committed, on the same connection; may add members to the
     * record it answers (`out`), e.g. the coverage plan made on approval. May be NULL. */
    void (*after)(struct svc_ctx *ctx, int64_t id, json_t *out);
    /* Name of the answer's schema in the API document when `after` adds to it; NULL = the
     * entity's own schema. The schema itself comes from `answer_schema`. */
    const char *answer;
    void (*answer_schema)(json_t *schemas); /* adds `answer` to the document's schemas */
};

struct wf_transition {
    const char *from, *action, *to;
};

struct workflow {
    const struct entity *ent;
    const char *status; /* the entity's FT_ENUM field holding the status (read-only) */
    const char *stamp;  /* an FT_INSTANT field set to the time of each transition, or NULL */
    const struct wf_action *actions;
    size_t nactions;
    const struct wf_transition *transitions;
    size_t ntransitions;
    /* Runs inside an action's transaction once who may act and the transition are checked,
     * before the change is written: may refuse (then nothing changes), make writes of its own
     * and add fields to `changes` (who decided, for whom). `cur` is the record now. NULL for
     * none. */
    enum hl_err (*before)(struct svc_ctx *ctx, const struct wf_action *act, const json_t *cur,
                          const json_t *body, json_t *changes, struct hl_error *err);
};

/* The status `action` leads to from `from`, or NULL when the table has no such transition. */
const char *workflow_next(const struct workflow *wf, const char *from, const char *action);

/* Runs `act` on record id: validates body against the action's fields, checks who may act and
 * the If-Match version, moves the status, stamps, writes the audit row (action's name) in one
 * transaction, then runs act->after. *out is the record after the change (caller frees). */
enum hl_err svc_workflow_act(struct svc_ctx *ctx, const struct workflow *wf,
                             const struct wf_action *act, int64_t id, int64_t if_match,
                             const json_t *body, json_t **out, struct hl_error *err);

#endif
