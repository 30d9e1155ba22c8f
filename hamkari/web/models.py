"""The web application keeps no tables of its own: users, scopes, profiles and tokens are in
`hamkari.accounts`."""
