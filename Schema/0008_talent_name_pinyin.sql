-- Talents found by pinyin and initials (`talent list --q wxm`, `GET /api/v1/talents?q=wang`): the name
-- as pinyin syllables (`wang xiao ming`) and their initials (`wxm`), worked out in Swift
-- (`PinyinName`, ICU's Han-Latin/Names) by every insert and update of a name. Rows stored before this
-- migration are filled by the migrator right after it, in batches (`fillMissingNamePinyin`); until then
-- they are found by their name as written.
ALTER TABLE talents
    ADD COLUMN name_pinyin text CHECK (name_pinyin ~ '^[a-z0-9 ]*$'),
    ADD COLUMN name_initials text CHECK (name_initials ~ '^[a-z0-9]*$');

-- Prefix searches: the pinyin without its spaces (`wangxiao%`) and the initials (`wx%`).
CREATE INDEX talents_name_pinyin_prefix ON talents ((replace(name_pinyin, ' ', '')) text_pattern_ops);
CREATE INDEX talents_name_initials_prefix ON talents (name_initials text_pattern_ops);
-- The rows still to fill, so that looking for them costs nothing once there are none.
CREATE INDEX talents_name_pinyin_missing ON talents (id) WHERE name_pinyin IS NULL;

-- A name searched as written (`?q=小明`, `?name=小明`) is a substring match: trigrams make it indexable.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX talents_name_trigrams ON talents USING gin (name gin_trgm_ops);

-- Filling in the pinyin of a stored row is not a new version of the talent's record: no history row,
-- no version bump, no new updated_at. Every other update keeps its history as before. (The generated
-- identity_key is not yet computed in a BEFORE trigger's NEW, so it is left out of the comparison; it
-- follows id_number, nationality and passport, which are compared.)
CREATE OR REPLACE FUNCTION talents_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (to_jsonb(NEW) - 'name_pinyin' - 'name_initials' - 'identity_key')
       = (to_jsonb(OLD) - 'name_pinyin' - 'name_initials' - 'identity_key')
       AND (NEW.name_pinyin IS DISTINCT FROM OLD.name_pinyin OR NEW.name_initials IS DISTINCT FROM OLD.name_initials) THEN
        RETURN NEW;
    END IF;
    INSERT INTO talent_history (talent_id, version, data) VALUES (OLD.id, OLD.version, to_jsonb(OLD));
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
