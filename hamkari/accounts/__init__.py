"""Who may do what: users with one of four roles, editors' scopes, API tokens, and the
permission questions every page, endpoint and command asks (`permissions`)."""
