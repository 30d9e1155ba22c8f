"""Pages, one module per family: overview (dashboard), places (regions, pairs, organisations),
people, articles (stories, articles, review, history), search and upload. Views validate, call one
selector or service and render; every page needs a login."""
