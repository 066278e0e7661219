"""claimline: claims, events and source conflicts from articles about international relations.

Stages, one module each: ingest → nlp → dates → actors → claims → reconcile → store / export / report.
"""
__version__ = "0.1.0"
