"""A demo county government portal (TRS WCM style) served on loopback, for end-to-end runs and tests.

The site is static and checked in under `site/`; `selfeval.demo.portal.serve()` serves it (or a copy)
over HTTP. `site/manifest.json` is the answer key for tests: it is not served and the crawler must
not read it. `demo_source.yaml` is the source config for it (`{base_url}` filled in at runtime).
"""
