-- A registry row names its record in words (a project's name, a Case's
-- number and subject) besides the ids, so that the registry screen shows
-- which record a row is about. Older rows have none.
ALTER TABLE registry ADD COLUMN label TEXT NOT NULL DEFAULT '';
