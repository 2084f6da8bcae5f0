/* offer_recruit.c: the record of recruiting's offer — its fields, the rules across them, and
 * its workflow (draft → sent → accepted | declined | withdrawn | expired). Read and written by
 * managers only (the kit's default): pay is the manager's business. The use cases behind the
 * actions are in svc_offer.c. */
#include "offer_recruit.h"

#include "recruit.h"
#include "timeutil.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const periods[] = {"month", "year", NULL};
static const char *const contracts[] = {"permanent", "fixed_term", NULL};
static const char *const statuses[] = {"draft",     "sent",    "accepted", "declined",
                                       "withdrawn", "expired", NULL};

static const char *str(const json_t *rec, const char *name)
{
    return json_string_value(json_object_get(rec, name));
}

static enum hl_err offer_check(const json_t *rec, struct hl_error *err)
{
    const char *cur = str(rec, "salary_currency");
    for (size_t i = 0; cur && i < 3; i++)
        if (cur[i] < 'A' || cur[i] > 'Z')
            return hl_fail(err, HL_ERR_INVALID, "salary_currency",
                           "the currency is a three-letter ISO 4217 code in capitals, e.g. EUR");
    const char *contract = str(rec, "contract"), *start = str(rec, "start_date"),
               *end = str(rec, "end_date"), *expires = str(rec, "expires_on");
    bool fixed = contract && strcmp(contract, "fixed_term") == 0;
    if (fixed && !end)
        return hl_fail(err, HL_ERR_INVALID, "end_date", "a fixed-term contract needs its end_date");
    if (!fixed && end)
        return hl_fail(err, HL_ERR_INVALID, "end_date",
                       "a permanent contract has no end date (make it fixed_term)");
    if (fixed && start && strcmp(end, start) <= 0)
        return hl_fail(err, HL_ERR_INVALID, "end_date",
                       "the contract ends (%s) after it starts (%s)", end, start);
    if (start && expires && strcmp(expires, start) > 0)
        return hl_fail(err, HL_ERR_INVALID, "expires_on",
                       "the answer is due (%s) by the start date (%s) at the latest", expires,
                       start);
    return HL_OK;
}

static enum hl_err offer_may_change(const json_t *cur, bool deleting, struct hl_error *err)
{
    (void)deleting;
    const char *status = str(cur, "status");
    if (status && strcmp(status, "draft") != 0)
        return hl_fail(err, HL_ERR_TRANSITION, "status",
                       "an offer that is %s cannot be edited; only a draft can (make a new one)",
                       status);
    return HL_OK;
}

static const struct field offer_fields[] = {
    {"application_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_application, "the candidate's application"},
    {"salary_amount", FT_INT, F_REQUIRED, 1, 1e9, NULL, NULL, NULL,
     "the gross salary, in whole units of the currency"},
    {"salary_currency", FT_TEXT, 0, 3, 3, NULL, NULL, NULL,
     "ISO 4217 code (default EUR, the currency of the requisition's range)"},
    {"salary_period", FT_ENUM, 0, 0, 0, NULL, periods, NULL, "month (default) or year"},
    {"salary_override", FT_BOOL, 0, 0, 0, NULL, NULL, NULL,
     "true: the salary may lie outside the requisition's range (or be in another currency)"},
    {"start_date", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL,
     "the first working day (not in the past)"},
    {"hours_per_week", FT_REAL, F_REQUIRED, 1, 60, NULL, NULL, NULL, "working hours a week, 1-60"},
    {"contract", FT_ENUM, 0, 0, 0, NULL, contracts, NULL,
     "permanent (default) or fixed_term (with end_date)"},
    {"end_date", FT_DATE, F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "the last day of a fixed-term contract"},
    {"expires_on", FT_DATE, F_REQUIRED, 0, 0, NULL, NULL, NULL,
     "the last day for the candidate's answer; a sent offer expires after it"},
    {"notes", FT_TEXT, 0, 0, 5000, NULL, NULL, NULL, "further terms, written into the offer mail"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, statuses, NULL,
     "draft, sent, accepted, declined, withdrawn or expired (the actions)"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
    {"status_by", FT_TEXT, F_READONLY | F_NULLABLE, 0, 254, NULL, NULL, NULL,
     "who changed it last (a login, cli, or jobs for the expiry)"},
    {"sent_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it was sent to the candidate"},
    {"decline_reason", FT_TEXT, F_READONLY, 0, 1000, NULL, NULL, NULL,
     "why the candidate declined (when they said)"},
};

const struct entity ent_offer = {
    .name = "offer",
    .path = "offers",
    .title = "Offer",
    .table = "offer",
    .fields = offer_fields,
    .nfields = NFIELDS(offer_fields),
    /* No delete: a draft that is not wanted is withdrawn, so the history stays. */
    .ops = OP_LIST | OP_GET | OP_CREATE | OP_UPDATE,
    .no_org = true,
    .check = offer_check,
    .may_change = offer_may_change,
    .check_ctx = offer_check_ctx,
};

static const struct wf_field decline_fields[] = {
    {{"reason", FT_TEXT, 0, 0, 1000, NULL, NULL, NULL, "why the candidate declined (optional)"},
     "decline_reason"},
};

static const struct wf_action offer_actions[] = {
    {"send",
     "Send the offer: the application moves to the offer stage, the candidate gets the terms by "
     "e-mail in their language, an offer sent before is withdrawn",
     true, 0, NULL, 0, NULL, NULL, NULL},
    {"accept", "Record that the candidate accepted the sent offer (the hire may follow)", true, 0,
     NULL, 0, NULL, NULL, NULL},
    {"decline", "Record that the candidate declined the sent offer, with their reason", true, 0,
     decline_fields, NFIELDS(decline_fields), NULL, NULL, NULL},
    {"withdraw", "Withdraw a draft or sent offer", true, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition offer_transitions[] = {
    {"draft", "send", "sent"},         {"sent", "accept", "accepted"},
    {"sent", "decline", "declined"},   {"draft", "withdraw", "withdrawn"},
    {"sent", "withdraw", "withdrawn"},
};

const struct workflow wf_offer = {
    .ent = &ent_offer,
    .status = "status",
    .stamp = "status_at",
    .actions = offer_actions,
    .nactions = NFIELDS(offer_actions),
    .transitions = offer_transitions,
    .ntransitions = NFIELDS(offer_transitions),
    .before = offer_before,
};
