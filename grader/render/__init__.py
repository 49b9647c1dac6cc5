"""Renderers: results in, text out. Templates hold the layout; these modules only prepare data."""
