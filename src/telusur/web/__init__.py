"""Telusur's web app: REST API and pages (``create_app``)."""
