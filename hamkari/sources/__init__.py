"""Where articles come from, as plain Python (no Django): decoding bytes, HTML pages, feeds,
JSON Lines, folders and URLs, each yielding `items.Item`s that the knowledge base stores."""
