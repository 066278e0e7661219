"""Rule files shipped with claimline: data, not code (installed as ``pipeline.rules``)."""
