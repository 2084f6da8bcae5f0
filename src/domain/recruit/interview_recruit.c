/* interview_recruit.c: the records of recruiting's interviews — the interview (its panel, slots
 * and token live in tables of their own, read through svc_interview.c) with its workflow
 * (offered → scheduled → completed, cancelled from either) and the panel member's scorecard.
 * Both are read by managers and by the panel only (the kit's `parties` policy over
 * interview_panel, and over the view scorecard_reader that keeps scores blind until one's own
 * card is submitted). */
#include "interview_recruit.h"

#include "people.h"
#include "recruit.h"

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const iv_statuses[] = {"offered", "scheduled", "cancelled", "completed", NULL};
static const char *const sc_statuses[] = {"draft", "submitted", NULL};

static const struct field iv_fields[] = {
    {"application_id", FT_REF, F_REQUIRED | F_IMMUTABLE | F_FILTER, 0, 0, NULL, NULL,
     &ent_application, "the candidate's application"},
    {"requisition_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_requisition,
     "the requisition (its executive is on the panel)"},
    {"organizer_id", FT_REF, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, &ent_person,
     "the manager who arranged it"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, iv_statuses, NULL,
     "offered (slots wait for the candidate's pick), scheduled, cancelled or completed"},
    {"status_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when the status last changed"},
    {"start_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it starts (null while slots are offered)"},
    {"end_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL, "when it ends"},
    {"duration_minutes", FT_INT, F_REQUIRED, 15, 480, NULL, NULL, NULL, "length in minutes"},
    {"location", FT_TEXT, 0, 0, 200, NULL, NULL, NULL, "the place"},
    {"url", FT_TEXT, 0, 0, 500, NULL, NULL, NULL, "the video link"},
    {"criteria", FT_STRLIST, 0, 0, INTERVIEW_CRITERIA_MAX, NULL, NULL, NULL,
     "criteria the manager adds to the requisition's must-have skills and languages"},
    {"sequence", FT_INT, F_READONLY, 0, 1e9, NULL, NULL, NULL,
     "the iTIP SEQUENCE: one more for each change of time and the cancellation"},
};

const struct entity ent_interview = {
    .name = "interview",
    .path = "interviews",
    .title = "Interview",
    .table = "interview",
    .fields = iv_fields,
    .nfields = NFIELDS(iv_fields),
    /* Created by POST /applications/{id}/interviews (the panel and slots with it) and read in
     * full by GET /interviews/{id}; the generic list serves the panel's own. */
    .ops = OP_LIST,
    .no_org = true,
    .window_start = "start_at",
    .window_end = "end_at",
    .vis =
        {VIS_PARTIES, {NULL, NULL}, 0, "interview_panel", "interview_id", "person_id", NULL, false},
};

static const struct field sc_fields[] = {
    {"interview_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_interview,
     "the interview"},
    {"person_id", FT_REF, F_READONLY | F_FILTER, 0, 0, NULL, NULL, &ent_person,
     "the panel member who scores"},
    {"status", FT_ENUM, F_READONLY | F_FILTER, 0, 0, NULL, sc_statuses, NULL,
     "draft or submitted (final)"},
    {"submitted_at", FT_INSTANT, F_READONLY | F_NULLABLE, 0, 0, NULL, NULL, NULL,
     "when it was submitted"},
    {"note", FT_TEXT, 0, 0, 5000, NULL, NULL, NULL, "the member's overall note"},
};

const struct entity ent_scorecard = {
    .name = "scorecard",
    .path = "scorecards",
    .title = "Scorecard",
    .table = "scorecard",
    .fields = sc_fields,
    .nfields = NFIELDS(sc_fields),
    /* Read and written only through /interviews/{id}/scorecards, which adds the ratings, the
     * summary and the blind rule for managers on the panel. */
    .ops = 0,
    .no_org = true,
    .vis = {VIS_PARTIES,
            {NULL, NULL},
            0,
            "scorecard_reader",
            "scorecard_id",
            "person_id",
            NULL,
            false},
};

static const struct wf_field start_field[] = {
    /* Required, but checked in the hook after If-Match: a stale request is a 412 first. */
    {{"start_at", FT_INSTANT, 0, 0, 0, NULL, NULL, NULL,
      "the start (required; the interview lasts its duration_minutes)"},
     "start_at"},
};

static const struct wf_action iv_actions[] = {
    {"book",
     "Book an offered interview at a time (from find-a-time or one of its slots): invitations "
     "with .ics to the panel and the candidate, absences for the assistants on the panel",
     true, 0, start_field, NFIELDS(start_field), NULL, NULL, NULL},
    {"reschedule", "Move a scheduled interview: updated invitations, the absences moved", true, 0,
     start_field, NFIELDS(start_field), NULL, NULL, NULL},
    {"cancel", "Cancel the interview: cancellations sent, the panel's absences cancelled", true, 0,
     NULL, 0, NULL, NULL, NULL},
    {"complete", "Record that the interview was held", true, 0, NULL, 0, NULL, NULL, NULL},
};

static const struct wf_transition iv_transitions[] = {
    {"offered", "book", "scheduled"},       {"scheduled", "reschedule", "scheduled"},
    {"offered", "cancel", "cancelled"},     {"scheduled", "cancel", "cancelled"},
    {"scheduled", "complete", "completed"},
};

const struct workflow wf_interview = {
    .ent = &ent_interview,
    .status = "status",
    .stamp = "status_at",
    .actions = iv_actions,
    .nactions = NFIELDS(iv_actions),
    .transitions = iv_transitions,
    .ntransitions = NFIELDS(iv_transitions),
    .before = interview_before,
};
