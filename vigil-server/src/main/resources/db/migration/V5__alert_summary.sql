-- Version 5: an alert may carry its own one-line summary (predictive alerts say when the
-- limit will be reached); anomaly alerts leave it empty and have it written from their fields.
ALTER TABLE alerts ADD COLUMN summary TEXT;
