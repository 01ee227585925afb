-- The model key's signature over what makes a version judge as it does: series, number,
-- spec, threshold and trained state. Versions from before are signed at the first start.
ALTER TABLE model_versions ADD COLUMN signature TEXT;
