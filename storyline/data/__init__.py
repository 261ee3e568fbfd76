"""Packaged data files: the fitted same-story model (story_model.json)."""
