"""Crawling: a polite, safe HTTP client, discovery of items on list pages, downloads."""
