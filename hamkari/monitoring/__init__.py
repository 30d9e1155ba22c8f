"""The knowledge base kept current by itself: background jobs on Django's task API (run by
`hamkari worker`), starting with ingesting one article."""
