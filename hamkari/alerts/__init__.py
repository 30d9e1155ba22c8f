"""Watchlists and alerts: what a user follows (regions, region pairs, people, organisations,
sectors, instrument kinds, a saved search), the news found for it after each stored article and
on a schedule, and its delivery in the app, by e-mail digest and as an Atom feed."""
