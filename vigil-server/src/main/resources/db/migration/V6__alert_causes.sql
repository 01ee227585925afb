-- Version 6: an alert over several series carries them ranked by probable origin, as JSON
-- ([{"name", "onset", "strength", "reasons"}]); NULL for an alert over one series.
ALTER TABLE alerts ADD COLUMN causes_json TEXT;
