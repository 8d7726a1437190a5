"""Version of the field-reading rules. Bump it when their output changes: reports are keyed by
(document version, part, extractor version), so a bump loads new rows and retires the old ones
(`is_current`), and both stay comparable."""

UNDERSTAND_VERSION = "1.0.0"
