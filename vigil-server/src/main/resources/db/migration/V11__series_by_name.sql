-- Series of one metric name, for warm start: a new series looks for its siblings.
CREATE INDEX series_by_name ON series (name, id);
