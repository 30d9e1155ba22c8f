"""The knowledge base: Django models, services and API around the extraction core."""
