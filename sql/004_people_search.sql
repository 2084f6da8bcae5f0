-- 004_people_search.sql: full-text search over people's names (issue 9): any word of the name
-- or of the e-mail's local part, ignoring case and diacritics ("magi" finds "Mägi"). The
-- index holds its own copy of the text (a plain FTS5 table keyed by the person's id) and the
-- triggers below keep it in step with person; store_entity.c queries it for ?q=.

CREATE VIRTUAL TABLE person_search USING fts5(
    name, email, tokenize = "unicode61 remove_diacritics 2");

INSERT INTO person_search (rowid, name, email)
    SELECT id, name, substr(email, 1, instr(email, '@') - 1) FROM person;

CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_search (rowid, name, email)
        VALUES (new.id, new.name, substr(new.email, 1, instr(new.email, '@') - 1));
END;

CREATE TRIGGER person_search_update AFTER UPDATE OF name, email ON person BEGIN
    DELETE FROM person_search WHERE rowid = old.id;
    INSERT INTO person_search (rowid, name, email)
        VALUES (new.id, new.name, substr(new.email, 1, instr(new.email, '@') - 1));
END;

CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    DELETE FROM person_search WHERE rowid = old.id;
END;
