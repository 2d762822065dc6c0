-- What `GET /api/v1/me/housing` (and `talentctl housing status`) reads on result day, by index
-- (Docs/performance.md, "Result day"): measured at 0.25 s and 0.15 s of a 0.4 s request before.

-- A talent's applications: the status page lists them by date.
CREATE INDEX housing_applications_by_talent ON housing_applications (talent_id, applied_on, id);

-- How many applicants a committed round put in its serving order ("place 1,234 of 23,714"), written
-- at commit from the round's own entries (which never change afterwards), so a talent's standing
-- does not count the round's 50,000 entries on every read.
ALTER TABLE housing_rounds ADD COLUMN positioned integer CHECK (positioned >= 0);
UPDATE housing_rounds r
   SET positioned = (SELECT count(*) FROM housing_round_entries e WHERE e.round_id = r.id AND e.position IS NOT NULL)
 WHERE status = 'committed';
ALTER TABLE housing_rounds ADD CONSTRAINT housing_rounds_positioned_on_commit
    CHECK ((status = 'committed') = (positioned IS NOT NULL));
