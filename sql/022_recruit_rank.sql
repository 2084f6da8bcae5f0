-- 022_recruit_rank.sql: screening 100,000 applications without re-reading their text (issue
-- 12). Each application keeps the numbers ranking needs for its requisition's terms (token
-- count, the must-have skills and languages it mentions and how often: rank_recruit.c's stored
-- form), written with the application; the covering index lets one ranking read them all
-- without touching the wide rows. NULL means "not computed yet": ranking computes such rows from
-- the search index and stores them. The triggers clear the numbers when the text or the terms
-- change.

ALTER TABLE application ADD COLUMN rank_terms BLOB;

DROP INDEX application_requisition;
CREATE INDEX application_requisition ON application (requisition_id, stage, languages, rank_terms);

CREATE TRIGGER application_rank_stale AFTER UPDATE OF resume_text, note, languages ON application
WHEN new.resume_text IS NOT old.resume_text OR new.note IS NOT old.note
     OR new.languages IS NOT old.languages BEGIN
    UPDATE application SET rank_terms = NULL WHERE id = new.id;
END;

CREATE TRIGGER requisition_rank_stale AFTER UPDATE OF must_skills, languages ON requisition
WHEN new.must_skills IS NOT old.must_skills OR new.languages IS NOT old.languages BEGIN
    UPDATE application SET rank_terms = NULL WHERE requisition_id = new.id;
END;
